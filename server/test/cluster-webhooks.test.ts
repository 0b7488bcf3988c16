import Redis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestSchema } from "@multiwa/core/testing";
import { startReceiver } from "../../packages/core/test/webhooks/receiver.js";
import { until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Two gateway processes sharing Redis (leases, bus) and PostgreSQL (records), mock engine; the profile
// runs on node A while webhooks are written through node B.
// Regression: #18 — a webhook created via B never fired for A's events and A answered 404 for it; one
// deleted via B kept receiving; retried deliveries were lost (1 of 4 arrived, none pending, none dead).
const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const PREFIX = `multiwa-cluster-hooks-${process.pid}-${Date.now()}`;
const ME = "628111222333";
const PEER = "628999888777";
let records: Awaited<ReturnType<typeof createTestSchema>>;
let a: RunningServer;
let b: RunningServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const env = (name: string) => ({
  MULTIWA_STORAGE: REDIS,
  MULTIWA_STORAGE_PREFIX: PREFIX,
  MULTIWA_DATABASE: records.url,
  MULTIWA_NODE_ID: name,
  MULTIWA_LEASE_TTL_MS: "3000",
  MULTIWA_TAKEOVER_MS: "500",
  MULTIWA_ENGINES: "mock",
  MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
});
const json = async (res: Promise<Response>) => (await res).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const inbound = (text: string) =>
  a.api(`/api/mock/phones/${PEER}/messages`, { method: "POST", json: { to: ME, text } });

beforeAll(async () => {
  records = await createTestSchema();
  receiver = await startReceiver();
  a = await startServer(env("node-a"));
  await a.api("/api/profiles", { method: "POST", json: { id: "hooks", name: "Hooks", engine: "mock" } });
  await a.api("/api/profiles/hooks/start", { method: "POST" });
  const { qr } = await json(a.api("/api/profiles/hooks/qr"));
  await a.api("/api/mock/scan", { method: "POST", json: { qr, phone: ME } });
  // vitest refuses expect.poll inside beforeAll: a plain poll.
  await until(async () => (await json(a.api("/api/profiles/hooks"))).status === "open", 20_000);
  b = await startServer(env("node-b"));
}, 180_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await receiver?.close();
  await records?.drop();
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("webhooks in a cluster", () => {
  it("a webhook written through node B fires for node A's events, and stops when deleted through B", async () => {
    const { webhook } = await json(
      b.api("/api/webhooks", {
        method: "POST",
        json: { url: receiver.url, events: ["message.received"], profileId: "hooks" },
      }),
    );
    expect((await a.api(`/api/webhooks/${webhook.id}`)).status).toBe(200);
    await inbound("first through A");
    await expect
      .poll(() => receiver.received.map((r) => r.json.data.content), { timeout: 15_000 })
      .toContainEqual(expect.objectContaining({ text: "first through A" }));
    expect((await b.api(`/api/webhooks/${webhook.id}`, { method: "DELETE" })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 500));
    await inbound("after delete");
    await new Promise((r) => setTimeout(r, 2000));
    expect(receiver.received.map((r) => r.json.data.content)).not.toContainEqual(
      expect.objectContaining({ text: "after delete" }),
    );
    expect((await a.api(`/api/webhooks/${webhook.id}`)).status).toBe(404);
  }, 60_000);

  it("retried deliveries all arrive once: none lost, none left pending or dead", async () => {
    receiver.received.length = 0;
    receiver.answer(500);
    const { webhook } = await json(
      b.api("/api/webhooks", {
        method: "POST",
        json: { url: receiver.url, events: ["message.received"], profileId: "hooks" },
      }),
    );
    for (let i = 0; i < 4; i++) await inbound(`retry ${i}`);
    await expect
      .poll(
        async () => {
          const { pending } = await json(b.api(`/api/webhooks/${webhook.id}/deliveries`));
          return pending.filter((d: { attempts: number }) => d.attempts >= 1).length;
        },
        { timeout: 15_000 },
      )
      .toBe(4);
    receiver.answer(200);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(4);
    await new Promise((r) => setTimeout(r, 1500));
    expect(new Set(receiver.received.map((r) => r.json.id)).size).toBe(4);
    const log = await json(a.api(`/api/webhooks/${webhook.id}/deliveries`));
    expect([log.pending.length, log.delivered.length, log.dead.length]).toEqual([0, 4, 0]);
  }, 90_000);
});
