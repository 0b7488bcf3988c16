import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisBus } from "../../src/cluster/bus.js";
import { redisLeases } from "../../src/cluster/redis-leases.js";
import type { Database } from "../../src/db/types.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { createStorageFromUrl } from "../../src/storage/create.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { waitForStatus } from "../../src/testing/wait.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const prefix = `multiwa-test-automation-cluster-${process.pid}`;
const ME = "628100000001";
const PEER = "628155500007";
const clients: Redis[] = [];
const nodes: MultiWA[] = [];
let database: Database | undefined;
const client = () => {
  const c = new Redis(REDIS);
  clients.push(c);
  return c;
};

afterAll(async () => {
  for (const node of nodes) await node.close();
  await database?.close();
  const redis = client();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  for (const c of clients) c.disconnect();
});

/** A node of a cluster: shared Redis storage, leases and bus, and one PostgreSQL database. */
async function node(name: string, network: MockNetwork, db: Database): Promise<MultiWA> {
  const wa = await createMultiWA({
    storage: await createStorageFromUrl(REDIS, { prefix: `${prefix}-store` }),
    database: db,
    engines: { mock: mockEngine({ network, autoPair: ME }) },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    leases: redisLeases(client(), { prefix: `${prefix}-lease` }),
    bus: redisBus(client(), client(), `${prefix}-bus`),
    nodeId: name,
  });
  nodes.push(wa);
  return wa;
}

describe.runIf(await postgresAvailable())(
  "automation on two nodes sharing one PostgreSQL",
  { timeout: 120_000 },
  () => {
    it("a rule created via node B answers at once on node A, which runs the profile (#18)", async () => {
      database = await openTestDatabase(TEST_POSTGRES_URL);
      const network = new MockNetwork();
      const a = await node("a", network, database);
      await a.profiles.create({ id: "p", name: "P", workspaceId: "acme" });
      await a.sessions.start("p");
      await waitForStatus(a, "p", "open");
      const b = await node("b", network, database);
      const peer = network.phone(PEER);
      const say = (text: string) => peer.send(`${ME}@s.whatsapp.net`, { type: "text", text });
      await b.automation.rules.create("acme", {
        name: "hi",
        cooldownMs: 0,
        trigger: { type: "keyword", keywords: ["hi"], match: "exact" },
        actions: [{ type: "reply", text: "hello" }],
      });
      say("hi");
      expect((await peer.nextMessage()).content).toEqual({ type: "text", text: "hello" }); // A built its index
      // #18: A's index used to live 10 s, so a rule saved through B stayed silent on A until it expired.
      await b.automation.rules.create("acme", {
        name: "price",
        cooldownMs: 0,
        trigger: { type: "keyword", keywords: ["price"], match: "exact" },
        actions: [{ type: "reply", text: "10k" }],
      });
      const asked = Date.now();
      say("price");
      expect((await peer.nextMessage(() => true, 3000)).content).toEqual({ type: "text", text: "10k" });
      expect(Date.now() - asked).toBeLessThan(3000);
      expect(b.sessions.isRunningHere("p")).toBe(false);
      // Disabled through B: A stops answering on the next message, too.
      const [hi] = (await b.automation.rules.list("acme")).filter((r) => r.name === "hi");
      await b.automation.rules.update("acme", hi!.id, { enabled: false });
      say("hi");
      say("price");
      expect((await peer.nextMessage(() => true, 3000)).content).toEqual({ type: "text", text: "10k" });
    });
  },
);
