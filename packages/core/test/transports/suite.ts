import { afterEach, describe, expect, it } from "vitest";
import type { MultiWA } from "../../src/multiwa.js";
import type { CreateTransportInput } from "../../src/transports/schema.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";
import { startReceiver } from "../webhooks/receiver.js";
import { brokerRelay } from "./brokers.js";
import type { Consumer } from "./consumers.js";

const ME = "628100000001";
const PEER = "628299999999";

export interface TransportSuite {
  name: string;
  /** The real broker's URL. */
  url: string;
  /** Settings with names unique to this run (other runs share the broker). */
  settings(url: string): CreateTransportInput;
  /** Starts reading what the transport publishes (before anything is published). */
  consume(settings: CreateTransportInput): Promise<Consumer>;
}

/** One conformance suite every transport kind runs against its real broker. */
export function testTransport(suite: TransportSuite): void {
  describe(`event transport: ${suite.name}`, () => {
    let running: MultiWA | undefined;
    let closers: (() => Promise<void>)[] = [];
    afterEach(async () => {
      await running?.close();
      running = undefined;
      for (const close of closers.reverse()) await close();
      closers = [];
    });

    async function gateway(maxAttempts = 30) {
      const g = await mockGateway({
        outbound: { allowPrivateTargets: true },
        webhooks: { retryBaseMs: 50, maxAttempts, pollMs: 100, timeoutMs: 3000 },
      });
      running = g.wa;
      await g.wa.profiles.create({ id: "p1", name: "p1" });
      await g.wa.sessions.start("p1");
      await waitForStatus(g.wa, "p1", "open");
      return g;
    }

    async function consumer(settings: CreateTransportInput) {
      const c = await suite.consume(settings);
      closers.push(c.close);
      return c.received;
    }

    // Requirement (#23): the same event payload as webhooks, from the durable deliveries table.
    it("publishes an inbound message with the payload the webhook gets", async () => {
      const receiver = await startReceiver();
      closers.push(receiver.close);
      const { wa, network } = await gateway();
      const settings = suite.settings(suite.url);
      const received = await consumer(settings);
      await wa.webhooks.create({ url: receiver.url, events: ["message.received"] });
      const transport = await wa.transports.create({ ...settings, events: ["message.received"] });
      network.phone(PEER).send(`${ME}@s.whatsapp.net`, { type: "text", text: "on the broker" });
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
      await expect.poll(() => receiver.received.length).toBe(1);
      const onBroker = JSON.parse(received[0]!.body);
      const { id: hookDelivery, ...hookPayload } = receiver.received[0]!.json;
      const { id: brokerDelivery, ...brokerPayload } = onBroker;
      expect(brokerPayload).toEqual(hookPayload);
      expect(brokerPayload).toMatchObject({
        event: "message.received",
        profileId: "p1",
        data: { content: { text: "on the broker" } },
      });
      expect(brokerDelivery).not.toBe(hookDelivery);
      expect(received[0]!.deliveryId).toBe(brokerDelivery);
      await expect
        .poll(async () => (await wa.transports.deliveries(transport.id)).delivered.map((d) => d.id))
        .toEqual([brokerDelivery]);
      // A test event goes to the transport whatever its filters.
      await wa.transports.test(transport.id);
      await expect.poll(() => received.length).toBe(2);
      expect(JSON.parse(received[1]!.body).event).toBe("webhook.test");
    });

    // Requirement (#23): at-least-once — broker down, deliveries retried, they arrive after recovery;
    // one connection reused across events, reopened after it broke, closed on stop.
    it("retries while the broker is down, delivers after recovery over one reused connection", async () => {
      const relay = await brokerRelay(suite.url);
      closers.push(relay.close);
      const { wa, network } = await gateway();
      const settings = suite.settings(suite.url);
      const received = await consumer(settings);
      const transport = await wa.transports.create({ ...settings, url: relay.url(), events: ["message.received"] });
      const password = new URL(suite.url).password;
      if (password) expect(transport.url).not.toContain(`:${password}@`);
      await relay.down();
      const peer = network.phone(PEER);
      peer.send(`${ME}@s.whatsapp.net`, { type: "text", text: "while down 1" });
      peer.send(`${ME}@s.whatsapp.net`, { type: "text", text: "while down 2" });
      await expect
        .poll(
          async () => (await wa.transports.deliveries(transport.id)).pending.filter((d) => d.attempts >= 2).length,
          {
            timeout: 10_000,
          },
        )
        .toBe(2);
      const { pending } = await wa.transports.deliveries(transport.id);
      expect(pending[0]!.lastError).toBeTruthy();
      expect(received).toHaveLength(0);
      await relay.up();
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(2);
      expect(new Set(received.map((r) => r.deliveryId))).toEqual(new Set(pending.map((d) => d.id)));
      for (let i = 0; i < 3; i++) peer.send(`${ME}@s.whatsapp.net`, { type: "text", text: `up ${i}` });
      await expect.poll(() => received.length, { timeout: 10_000 }).toBe(5);
      expect(relay.accepted).toBe(1);
      // The live connection breaks: the next delivery reconnects (one more connection, nothing lost).
      await relay.down();
      await relay.up();
      peer.send(`${ME}@s.whatsapp.net`, { type: "text", text: "after a break" });
      await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
      expect(received.map((r) => JSON.parse(r.body).data.content.text)).toContain("after a break");
      expect(relay.accepted).toBe(2);
      await expect.poll(async () => (await wa.transports.deliveries(transport.id)).pending).toEqual([]);
      await wa.close();
      running = undefined;
      await expect.poll(() => relay.open).toBe(0);
    });

    // Requirement (#23): a broker that never answers must not hold a delivery (or the gateway) forever.
    it("times out against a broker that never answers, and delivers once it answers again", async () => {
      const relay = await brokerRelay(suite.url);
      closers.push(relay.close);
      relay.hang();
      const { wa } = await gateway();
      const settings = suite.settings(suite.url);
      const received = await consumer(settings);
      const transport = await wa.transports.create({ ...settings, url: relay.url() });
      const [delivery] = await wa.transports.test(transport.id);
      await expect
        .poll(async () => (await wa.transports.deliveries(transport.id)).pending[0]?.lastError ?? "", {
          timeout: 10_000,
        })
        .toMatch(/time/i);
      relay.hang(false);
      await expect.poll(() => received.map((r) => r.deliveryId), { timeout: 15_000 }).toEqual([delivery!.id]);
    });

    // Requirement (#23): the same dead-letter state as webhooks, and replay under the same id.
    it("dead-letters after the retry budget and replays under the same id", async () => {
      const relay = await brokerRelay(suite.url);
      closers.push(relay.close);
      await relay.down();
      const { wa } = await gateway(2);
      const settings = suite.settings(suite.url);
      const received = await consumer(settings);
      const transport = await wa.transports.create({ ...settings, url: relay.url() });
      const [delivery] = await wa.transports.test(transport.id);
      await expect
        .poll(async () => (await wa.transports.deliveries(transport.id)).dead.map((d) => d.id), { timeout: 10_000 })
        .toEqual([delivery!.id]);
      await relay.up();
      await wa.transports.replay(transport.id, delivery!.id);
      await expect.poll(() => received.map((r) => r.deliveryId), { timeout: 10_000 }).toEqual([delivery!.id]);
    });
  });
}
