// Issue #18: the daily cap's count was cached per process for one shared key, as if this process were its only
// writer; two nodes running campaigns of the same profile each counted only their own sends (and overwrote
// each other's), so together they passed the cap.
import { afterAll, describe, expect, it } from "vitest";
import { DailyCounter } from "../../src/broadcast/daily-cap.js";
import { createStorageFromUrl } from "../../src/storage/create.js";
import { keyspace } from "../../src/storage/keyspace.js";
import { clearPrefix } from "../../src/storage/namespaces.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const storage = await createStorageFromUrl(REDIS, { prefix: `multiwa-test-daily-cap-${process.pid}` });
afterAll(async () => {
  await clearPrefix(storage);
  await storage.dispose();
});

describe("daily cap across nodes", () => {
  it("two processes sending for one profile on one shared store both count, and a restart keeps the count", async () => {
    const day = "2026-12-04";
    const a = new DailyCounter(keyspace(storage, "campaignDay"));
    const b = new DailyCounter(keyspace(storage, "campaignDay"));
    // Both look before either sends (the runner checks the cap before each send).
    expect(await a.count("p1", day)).toBe(0);
    expect(await b.count("p1", day)).toBe(0);
    await a.add("p1", day);
    await b.add("p1", day);
    await b.add("p1", day);
    expect(await a.count("p1", day)).toBe(3);
    expect(await b.count("p1", day)).toBe(3);
    // A node restarted (a new counter) sees what was sent before, and another day or profile starts at 0.
    const restarted = new DailyCounter(keyspace(storage, "campaignDay"));
    expect(await restarted.count("p1", day)).toBe(3);
    await restarted.add("p1", day);
    expect(await a.count("p1", day)).toBe(4);
    expect(await a.count("p1", "2026-12-05")).toBe(0);
    expect(await a.count("p10", day)).toBe(0);
  });
});
