import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { MultiWA } from "../../src/multiwa.js";
import type { Resolver } from "../../src/net/target.js";
import { mockGateway } from "../helpers/mock.js";
import { TEST_AMQP_URL, TEST_REDIS_URL } from "./brokers.js";
import { consumeRedis } from "./consumers.js";

let wa: MultiWA | undefined;
afterEach(async () => {
  await wa?.close();
  wa = undefined;
});

async function gateway(allowPrivateTargets = true) {
  ({ wa } = await mockGateway({ outbound: { allowPrivateTargets } }));
  return wa!;
}

describe("event transport settings", () => {
  // Requirement (#23): connection URLs carry passwords; they are secrets, never listed back.
  it("shows the URL with its password masked, defaults the names, and never returns the password", async () => {
    const wa = await gateway();
    const created = await wa.transports.create({ kind: "amqp", url: "amqp://app:s3cret-pass@127.0.0.1:5672/prod" });
    expect(created).toMatchObject({
      kind: "amqp",
      url: "amqp://app:****@127.0.0.1:5672/prod",
      exchange: "multiwa.events",
      events: ["*"],
      enabled: true,
      workspaceId: "default",
    });
    expect(created.id).toMatch(/^tr_/);
    const nats = await wa.transports.create({ kind: "nats", url: "nats://127.0.0.1:4222" });
    expect(nats).toMatchObject({ subject: "multiwa", jetstream: false, stream: "MULTIWA" });
    const redis = await wa.transports.create({ kind: "redis", url: "redis://:pw@127.0.0.1:6379/0" });
    expect(redis).toMatchObject({ stream: "multiwa:events", maxLen: 100_000, url: "redis://:****@127.0.0.1:6379/0" });
    const everything = JSON.stringify([await wa.transports.list(), await wa.transports.get(created.id)]);
    expect(everything).not.toContain("s3cret-pass");
    expect(everything).not.toContain(":pw@");
    const updated = await wa.transports.update(created.id, { exchange: "orders", events: ["message.*"] });
    expect(updated).toMatchObject({
      exchange: "orders",
      events: ["message.*"],
      url: "amqp://app:****@127.0.0.1:5672/prod",
    });
  });

  it("refuses bad settings with the field named", async () => {
    const wa = await gateway();
    await expect(wa.transports.create({ kind: "amqp", url: "http://127.0.0.1:5672" } as never)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [expect.objectContaining({ field: "url" })] },
    });
    await expect(wa.transports.create({ kind: "kafka", url: "kafka://x" } as never)).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(
      wa.transports.create({ kind: "nats", url: "nats://127.0.0.1:4222", subject: "has space" }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [expect.objectContaining({ field: "subject" })] },
    });
    const redis = await wa.transports.create({ kind: "redis", url: "redis://127.0.0.1:6379" });
    // A setting of another kind: refused, not silently stored.
    await expect(wa.transports.update(redis.id, { exchange: "x" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [expect.objectContaining({ field: "exchange" })] },
    });
    await expect(wa.transports.get("tr_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  // The same outbound policy as webhooks: a tenant cannot point the gateway at internal hosts unless allowed.
  it("refuses a broker on a private address unless private targets are allowed", async () => {
    const wa = await gateway(false);
    await expect(wa.transports.create({ kind: "amqp", url: TEST_AMQP_URL })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "url" },
    });
  });

  // #23: like a webhook call, each connect checks the broker's host again: a name that resolved to a
  // public address when saved and to loopback now (DNS rebinding) must not reach the internal broker.
  it("refuses at connect time a broker name that now resolves to a private address", async () => {
    let lookups = 0;
    const resolve: Resolver = async () => (lookups++ === 0 ? ["93.184.216.34"] : ["127.0.0.1"]);
    ({ wa } = await mockGateway({
      outbound: { allowPrivateTargets: false, resolve },
      webhooks: { retryBaseMs: 50, pollMs: 100, timeoutMs: 2000 },
    }));
    const url = new URL(TEST_REDIS_URL);
    url.hostname = "broker.example";
    const stream = `multiwa:rebind:${randomBytes(4).toString("hex")}`;
    const consumer = await consumeRedis({ kind: "redis", url: TEST_REDIS_URL, stream });
    try {
      const transport = await wa!.transports.create({ kind: "redis", url: url.href, stream });
      await wa!.transports.test(transport.id);
      await expect
        .poll(async () => (await wa!.transports.deliveries(transport.id)).pending[0]?.lastError ?? "", {
          timeout: 10_000,
        })
        .toMatch(/broker\.example resolves to 127\.0\.0\.1, not a public address.*MULTIWA_WEBHOOK_ALLOW_PRIVATE/);
      await new Promise((r) => setTimeout(r, 300));
      expect(consumer.received).toEqual([]);
    } finally {
      await consumer.close();
    }
  });

  // The allow-list setting opens one local broker; the connection goes to the address checked (the
  // test's name resolves only through the policy's resolver, so a second lookup could not connect).
  it("connects to an allow-listed private broker at the address it checked", async () => {
    const resolve: Resolver = async (host) => (host === "broker.example" ? ["127.0.0.1"] : []);
    ({ wa } = await mockGateway({
      outbound: { allowPrivateTargets: ["127.0.0.1"], resolve },
      webhooks: { retryBaseMs: 50, pollMs: 100, timeoutMs: 2000 },
    }));
    const url = new URL(TEST_REDIS_URL);
    url.hostname = "broker.example";
    const stream = `multiwa:pinned:${randomBytes(4).toString("hex")}`;
    const consumer = await consumeRedis({ kind: "redis", url: TEST_REDIS_URL, stream });
    try {
      const transport = await wa!.transports.create({ kind: "redis", url: url.href, stream });
      const [delivery] = await wa!.transports.test(transport.id);
      await expect.poll(() => consumer.received.map((r) => r.deliveryId), { timeout: 10_000 }).toEqual([delivery!.id]);
    } finally {
      await consumer.close();
    }
  });
});
