import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { redisLeases } from "../../src/cluster/redis-leases.js";
import { startTakeoverLoop } from "../../src/cluster/takeover.js";
import { createMultiWA } from "../../src/multiwa.js";
import { createStorageFromUrl } from "../../src/storage/create.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { waitForStatus } from "../../src/testing/wait.js";

// Real Redis on localhost, as every machine here has; `.ci/run` starts it when it is down.
const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
// Nodes of a cluster share one records database (PostgreSQL in production; one PGlite here), as they share Redis.
const database = openTestDatabase();
afterAll(async () => (await database).close());
const redis = new Redis(REDIS);
const prefix = `multiwa-test-lease-${process.pid}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("Redis leases", () => {
  it("grant a key to one owner at a time, renew only for the owner, expire, and fence each new owner", async () => {
    const leases = redisLeases(redis, { prefix });
    expect(await leases.acquire("p1", "node-a", 300)).toBe(true);
    const first = leases.token("p1")!;
    expect(await leases.acquire("p1", "node-a", 300)).toBe(true);
    expect(leases.token("p1")).toBe(first);
    expect(await leases.acquire("p1", "node-b", 300)).toBe(false);
    expect(await leases.renew("p1", "node-b", 300)).toBe(false);
    expect(await leases.renew("p1", "node-a", 300)).toBe(true);
    await leases.release("p1", "node-b");
    expect(await leases.acquire("p1", "node-b", 300)).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(await leases.acquire("p1", "node-b", 300)).toBe(true);
    expect(leases.token("p1")!).toBeGreaterThan(first);
    expect(await leases.renew("p1", "node-a", 300)).toBe(false);
    await leases.release("p1", "node-b");
    expect(await leases.acquire("p1", "node-a", 300)).toBe(true);
  });

  it("moves a dead node's profile to a survivor, which reconnects from shared storage without a QR", async () => {
    // Long enough that A's renewals (every third of it) never lapse on a loaded machine: at 600 ms, B's
    // restore once took the lease from a live A (CI box at load 14).
    const TTL = 1500;
    const network = new MockNetwork();
    const storagePrefix = `${prefix}-store`;
    const node = async (name: string, leaseOverrides: Partial<ReturnType<typeof redisLeases>> = {}) =>
      createMultiWA({
        database: await database,
        storage: await createStorageFromUrl(REDIS, { prefix: storagePrefix }),
        engines: { mock: mockEngine({ network, autoPair: name === "a" ? "628100000001" : undefined }) },
        leases: { ...redisLeases(redis, { prefix }), ...leaseOverrides },
        nodeId: `node-${name}`,
        leaseTtlMs: TTL,
      });
    // Node A crashes without releasing anything: its release is a no-op.
    const a = await node("a", { release: async () => {} });
    await a.profiles.create({ id: "shared", name: "Shared" });
    await a.sessions.start("shared");
    await waitForStatus(a, "shared", "open");

    const b = await node("b");
    expect(b.sessions.isRunningHere("shared")).toBe(false);
    await expect(b.sessions.start("shared")).rejects.toMatchObject({ code: "SESSION_NOT_OWNED" });
    const loop = startTakeoverLoop(b, { intervalMs: 100_000 });
    expect(await loop.runOnce()).toEqual([]);

    await a.close();
    const died = Date.now();
    await expect.poll(() => loop.runOnce(), { timeout: 5000, interval: 100 }).toEqual(["shared"]);
    const state = await waitForStatus(b, "shared", "open");
    expect(state.me?.jid).toBe("628100000001@s.whatsapp.net");
    expect(Date.now() - died).toBeLessThan(2 * TTL + 500);
    loop.stop();
    await b.close();
  });
});
