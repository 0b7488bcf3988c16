import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisBus } from "../../src/cluster/bus.js";
import { redisMembership } from "../../src/cluster/membership.js";
import { redisLeases } from "../../src/cluster/redis-leases.js";
import { startTakeoverLoop, type TakeoverLoop } from "../../src/cluster/takeover.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA, type MultiWA } from "../../src/multiwa.js";
import { createStorageFromUrl } from "../../src/storage/create.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { waitForStatus } from "../../src/testing/wait.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
// Nodes of a cluster share one records database (PostgreSQL in production; one PGlite here), as they share Redis.
const database = openTestDatabase();
afterAll(async () => (await database).close());
const prefix = `multiwa-test-rebalance-${process.pid}`;
const TTL = 1000;
const clients: Redis[] = [];
const nodes: MultiWA[] = [];
const network = new MockNetwork();
const client = () => {
  const c = new Redis(REDIS);
  clients.push(c);
  return c;
};
afterAll(async () => {
  for (const node of nodes) await node.close();
  const redis = client();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  for (const c of clients) c.disconnect();
});

async function node(
  name: string,
  options: { bus?: boolean } = {},
): Promise<{ wa: MultiWA; loop: TakeoverLoop; leave(): Promise<void> }> {
  const wa = await createMultiWA({
    database: await database,
    storage: await createStorageFromUrl(REDIS, { prefix: `${prefix}-store` }),
    engines: { mock: mockEngine({ network, autoPair: "628100000001" }) },
    leases: redisLeases(client(), { prefix: `${prefix}-lease` }),
    ...(options.bus === false ? {} : { bus: redisBus(client(), client(), `${prefix}-bus`) }),
    nodeId: name,
    leaseTtlMs: TTL,
  });
  nodes.push(wa);
  const membership = redisMembership(client(), { nodeId: name, ttlMs: TTL, prefix });
  // Passes are driven by hand: the interval is longer than the test.
  const loop = startTakeoverLoop(wa, { membership, intervalMs: 600_000, orphanMs: TTL });
  return { wa, loop, leave: () => membership.leave() };
}

const count = (wa: MultiWA, ids: string[]) => ids.filter((id) => wa.sessions.isRunningHere(id)).length;

describe("rebalancing", () => {
  it("gives a joining node its fair share without flapping, and takes back a leaving node's profiles", async () => {
    const ids = ["p0", "p1", "p2", "p3", "p4"];
    const a = await node("a");
    await a.loop.runOnce();
    for (const id of ids) {
      await a.wa.profiles.create({ id, name: id });
      await a.wa.sessions.start(id);
      await waitForStatus(a.wa, id, "open");
    }
    const b = await node("b");
    // B's first pass announces it; nothing is free yet.
    expect(await b.loop.runOnce()).toEqual([]);
    // A sees two nodes and hands off the surplus over its share of ceil(5 / 2) = 3; B picks them up.
    await a.loop.runOnce();
    expect(count(a.wa, ids)).toBe(3);
    expect(await b.loop.runOnce()).toEqual(["p3", "p4"]);
    for (const id of ["p3", "p4"]) await waitForStatus(b.wa, id, "open");
    // Settled: more passes on both move nothing.
    for (let i = 0; i < 3; i++) expect([await a.loop.runOnce(), await b.loop.runOnce()]).toEqual([[], []]);
    expect([count(a.wa, ids), count(b.wa, ids)]).toEqual([3, 2]);

    // B stops gracefully: it leaves the membership and releases its leases; A takes everything back.
    await b.leave();
    await b.wa.close();
    expect((await a.loop.runOnce()).sort()).toEqual(["p3", "p4"]);
    expect(count(a.wa, ids)).toBe(5);
  });

  it("sends what a node that died queued for a profile running elsewhere, once that node drops out", async () => {
    const a = await node("a2");
    await a.wa.profiles.create({ id: "q", name: "Q" });
    await a.wa.sessions.start("q");
    await waitForStatus(a.wa, "q", "open");
    // The ghost stores a message for A's profile but never wakes A (no bus: as if it died right after the write).
    const ghost = await node("ghost", { bus: false });
    await ghost.loop.runOnce();
    await a.loop.runOnce();
    const peer = network.phone("628299990001");
    const record = await ghost.wa.messages.send("q", { to: peer.jid, content: { type: "text", text: "stranded" } });
    await a.loop.runOnce();
    await expect(peer.nextMessage((m) => m.id === record.id, 300)).rejects.toThrow("received no matching message");
    // Once the ghost's heartbeat expires, A's next pass sees it gone and looks in the queue.
    await new Promise((r) => setTimeout(r, TTL + 100));
    await a.loop.runOnce();
    expect((await peer.nextMessage((m) => m.id === record.id, 5000)).content).toMatchObject({ text: "stranded" });
  });
});
