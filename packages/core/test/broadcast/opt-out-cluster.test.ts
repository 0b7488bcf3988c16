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
const prefix = `multiwa-test-optout-cluster-${process.pid}`;
const COUNT = 30;
const phone = (i: number) => `62832${String(i).padStart(7, "0")}`;
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

async function node(name: string, network: MockNetwork, db: Database): Promise<MultiWA> {
  const wa = await createMultiWA({
    storage: await createStorageFromUrl(REDIS, { prefix: `${prefix}-store` }),
    database: db,
    engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    leases: redisLeases(client(), { prefix: `${prefix}-lease` }),
    bus: redisBus(client(), client(), `${prefix}-bus`),
    nodeId: name,
  });
  nodes.push(wa);
  return wa;
}

describe.runIf(await postgresAvailable())("campaigns on two nodes sharing one PostgreSQL", { timeout: 120_000 }, () => {
  it("an opt-out set on node A is honoured by a campaign running on node B, even mid-run (#18)", async () => {
    database = await openTestDatabase(TEST_POSTGRES_URL);
    const network = new MockNetwork();
    const a = await node("a", network, database);
    const b = await node("b", network, database);
    await b.profiles.create({ id: "p", name: "P", workspaceId: "w" });
    await b.sessions.start("p");
    await waitForStatus(b, "p", "open");
    for (let i = 0; i < COUNT; i++) await a.contacts.upsert("w", { phone: phone(i), tags: ["news"] });
    await a.contacts.update("w", phone(0), { optOut: true }); // before the run
    const c = await b.campaigns.create("w", {
      name: "news",
      profileIds: ["p"],
      audience: { tags: ["news"] },
      message: { text: "Hi" },
      pacing: { perMinute: 600, jitterMs: 0, dailyCap: 0 },
    });
    const reached = (i: number) => network.phone(phone(i)).messages().length;
    await expect.poll(() => reached(2), { timeout: 10_000 }).toBe(1);
    await a.contacts.update("w", phone(COUNT - 1), { optOut: true }); // while B sends
    await expect.poll(async () => (await b.campaigns.get("w", c.id)).status, { timeout: 30_000 }).toBe("completed");
    expect(b.sessions.isRunningHere("p")).toBe(true);
    expect(a.sessions.isRunningHere("p")).toBe(false);
    expect(reached(0)).toBe(0);
    expect(reached(COUNT - 1)).toBe(0);
    expect([...Array(COUNT - 2).keys()].map((i) => reached(i + 1)).filter((n) => n !== 1)).toEqual([]);
    // Progress counted from the recipients' states in SQL, read through either node.
    await expect
      .poll(async () => (await a.campaigns.get("w", c.id)).progress)
      .toMatchObject({ total: COUNT, skipped: 2, pending: 0 });
  });
});
