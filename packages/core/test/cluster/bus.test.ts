import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisBus } from "../../src/cluster/bus.js";
import { redisLeases } from "../../src/cluster/redis-leases.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { createStorageFromUrl } from "../../src/storage/create.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { nextEvent, waitForStatus } from "../../src/testing/wait.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
// Nodes of a cluster share one records database (PostgreSQL in production; one PGlite here), as they share Redis.
const database = openTestDatabase();
afterAll(async () => (await database).close());
const prefix = `multiwa-test-bus-${process.pid}`;
const clients: Redis[] = [];
const nodes: MultiWA[] = [];
afterAll(async () => {
  for (const node of nodes) await node.close();
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  for (const c of clients) c.disconnect();
});

const client = () => {
  const c = new Redis(REDIS);
  clients.push(c);
  return c;
};

describe("cluster bus", () => {
  it("lets any node queue for a profile another node runs, and streams that node's events everywhere", async () => {
    const network = new MockNetwork();
    const node = async (name: string) => {
      const wa = await createMultiWA({
        database: await database,
        storage: await createStorageFromUrl(REDIS, { prefix: `${prefix}-store` }),
        engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
        leases: redisLeases(client(), { prefix: `${prefix}-lease` }),
        bus: redisBus(client(), client(), `${prefix}-bus`),
        nodeId: name,
        pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
      });
      nodes.push(wa);
      return wa;
    };
    const a = await node("a");
    await a.profiles.create({ id: "p", name: "P" });
    await a.sessions.start("p");
    await waitForStatus(a, "p", "open");
    const b = await node("b");
    expect(b.sessions.isRunningHere("p")).toBe(false);

    const peer = network.phone("628299999999");
    const record = await b.messages.send("p", { to: peer.jid, content: { type: "text", text: "queued on b" } });
    expect((await peer.nextMessage((m) => m.id === record.id, 5000)).content).toMatchObject({ text: "queued on b" });

    const seenOnB = new Promise((resolve) =>
      b.clusterEvents.on(
        "message.received",
        (m) => m.content.type === "text" && m.content.text === "to a" && resolve(m),
      ),
    );
    const localOnB = nextEvent(b, "message.received", () => true, 500).then(
      () => "local",
      () => "not local",
    );
    peer.send("628100000001@s.whatsapp.net", { type: "text", text: "to a" });
    expect(await seenOnB).toMatchObject({ profileId: "p" });
    // B's own processors (history, analytics, webhooks) never see A's events.
    expect(await localOnB).toBe("not local");
  });
});
