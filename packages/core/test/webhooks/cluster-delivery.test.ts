import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisLeases } from "../../src/cluster/redis-leases.js";
import type { MultiWAEventName } from "../../src/events.js";
import { createStorageFromUrl } from "../../src/storage/create.js";
import { OutboundClient } from "../../src/net/client.js";
import { Webhooks } from "../../src/webhooks/webhooks.js";
import { startReceiver } from "./receiver.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const prefix = `multiwa-test-whclaim-${process.pid}`;
const clients: Redis[] = [];
const closers: (() => Promise<void>)[] = [];
const silent = { debug() {}, info() {}, warn() {}, error() {} };

afterAll(async () => {
  for (const close of closers) await close();
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  for (const c of clients) c.disconnect();
});

/** One gateway node's webhook side: the shared Redis store, shared Redis leases, its own name. */
async function node(name: string, run: string) {
  const redis = new Redis(REDIS);
  clients.push(redis);
  const webhooks = new Webhooks(await createStorageFromUrl(REDIS, { prefix: `${prefix}-${run}-store` }), {
    client: new OutboundClient({ allowPrivateTargets: true }),
    retryBaseMs: 150,
    maxAttempts: 20,
    sweepMs: 200,
    logger: silent,
    workspaceOf: async () => "default",
    claims: { leases: redisLeases(redis, { prefix: `${prefix}-${run}-lease` }), owner: name },
  });
  closers.push(() => webhooks.stop());
  return webhooks;
}

const countById = (ids: string[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());

describe("webhook delivery across nodes", () => {
  it("sends each delivery once when every node has it scheduled", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    receiver.answer(500);
    const a = await node("a", "both");
    const { webhook } = await a.create({ url: receiver.url, events: ["*"] });
    const created = [];
    for (let i = 0; i < 20; i++) created.push(...(await a.dispatch("message.received" as MultiWAEventName, { profileId: "p1" })));
    // A second and third node start while the receiver is still failing: all three now know every delivery.
    const b = await node("b", "both");
    const c = await node("c", "both");
    expect(await b.restore()).toBe(20);
    expect(await c.restore()).toBe(20);
    receiver.answer(200);
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(20);
    await new Promise((r) => setTimeout(r, 1_000));
    const counts = countById(receiver.received.map((r) => r.json.id));
    expect(counts.size).toBe(20);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(created.map((d) => d.id))).toEqual(new Set(counts.keys()));
    expect((await b.deliveries(webhook.id)).pending).toHaveLength(0);
  });

  it("a survivor sends what a dead node left pending", async () => {
    const receiver = await startReceiver();
    closers.push(receiver.close);
    receiver.answer(503);
    const survivor = await node("survivor", "dead");
    await survivor.restore();
    const doomed = await node("doomed", "dead");
    const { webhook } = await doomed.create({ url: receiver.url, events: ["*"] });
    const created = await doomed.dispatch("message.received" as MultiWAEventName, { profileId: "p1" });
    await expect.poll(async () => (await survivor.deliveries(webhook.id)).pending[0]?.attempts ?? 0).toBeGreaterThan(0);
    await doomed.stop();
    receiver.answer(200);
    await expect.poll(() => receiver.received.map((r) => r.json.id), { timeout: 10_000 }).toEqual([created[0]!.id]);
    await expect.poll(async () => (await survivor.deliveries(webhook.id)).delivered.map((d) => d.id)).toEqual([created[0]!.id]);
  });
});
