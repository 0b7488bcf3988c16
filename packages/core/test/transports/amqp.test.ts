import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mockGateway } from "../helpers/mock.js";
import { brokerRelay, TEST_AMQP_URL } from "./brokers.js";
import { consumeAmqp } from "./consumers.js";
import { testTransport } from "./suite.js";

testTransport({
  name: "RabbitMQ",
  url: TEST_AMQP_URL,
  settings: (url) => {
    const run = randomBytes(4).toString("hex");
    return { kind: "amqp", url, exchange: `multiwa.test.${run}`, queue: `multiwa.test.${run}` };
  },
  consume: (settings) => consumeAmqp(settings as Parameters<typeof consumeAmqp>[0]),
});

// An edited transport publishes with its new settings: its connection is reopened, the old one closed.
// Deliveries are at least once: under load an attempt can fail after the broker took the message
// ("Connection closing") and its retry then goes out with the edited settings, so the test follows
// delivery ids rather than counting messages (CI on 2b00f51 failed counting them).
describe("event transport: RabbitMQ, edited", () => {
  it("publishes to the new exchange after an edit, over a new connection, and closes the old one", async () => {
    const relay = await brokerRelay(TEST_AMQP_URL);
    const { wa } = await mockGateway({
      outbound: { allowPrivateTargets: true },
      webhooks: { retryBaseMs: 50, pollMs: 100 },
    });
    const run = randomBytes(4).toString("hex");
    const first = {
      kind: "amqp",
      url: TEST_AMQP_URL,
      exchange: `multiwa.edit.${run}.a`,
      queue: `multiwa.edit.${run}.a`,
    } as const;
    const second = { ...first, exchange: `multiwa.edit.${run}.b`, queue: `multiwa.edit.${run}.b` };
    const [a, b] = [await consumeAmqp(first), await consumeAmqp(second)];
    const ids = (c: typeof a) => c.received.map((m) => m.deliveryId);
    try {
      const transport = await wa.transports.create({ ...first, url: relay.url() });
      const delivered = async (id: string) =>
        (await wa.transports.deliveries(transport.id)).delivered.some((d) => d.id === id);
      const [before] = await wa.transports.test(transport.id);
      await expect.poll(() => delivered(before!.id)).toBe(true);
      expect(ids(a)).toContain(before!.id);
      await wa.transports.update(transport.id, { exchange: second.exchange, queue: second.queue });
      const [after] = await wa.transports.test(transport.id);
      await expect.poll(() => delivered(after!.id)).toBe(true);
      await expect.poll(() => ids(b)).toContain(after!.id);
      expect(ids(a)).not.toContain(after!.id);
      expect(relay.accepted).toBeGreaterThanOrEqual(2);
      await expect.poll(() => relay.open).toBe(1);
    } finally {
      await wa.close();
      await a.close();
      await b.close();
      await relay.close();
    }
  });
});
