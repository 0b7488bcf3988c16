import Redis from "ioredis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createStorageFromUrl } from "../../src/storage/create.js";

const REDIS = process.env.MULTIWA_TEST_REDIS ?? "redis://127.0.0.1:6379/0";
const prefix = `multiwa-test-batch-${process.pid}`;
afterAll(async () => {
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("batched Redis storage", () => {
  it("sends what one tick issues as one round trip, in issue order", async () => {
    const storage = await createStorageFromUrl(REDIS, { prefix });
    const client = storage.getMount("").driver.getInstance!() as Redis;
    const mset = vi.spyOn(client.pipeline().constructor.prototype, "mset");
    const pipeline = vi.spyOn(client, "pipeline");
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.setItem(`k:${i}`, { i })));
    expect(pipeline).toHaveBeenCalledTimes(1);
    expect(mset).toHaveBeenCalledTimes(1);
    expect(await Promise.all([storage.getItem("k:0"), storage.getItem("k:49"), storage.getItem("k:none")])).toEqual([
      { i: 0 },
      { i: 49 },
      null,
    ]);

    // Later calls see earlier ones of the same tick: set, remove, read, set, read.
    const [, , afterRemove, , last] = await Promise.all([
      storage.setItem("x", 1),
      storage.removeItem("x"),
      storage.getItem("x"),
      storage.setItem("x", 2),
      storage.getItem("x"),
    ]);
    expect(afterRemove).toBeNull();
    expect(last).toBe(2);
    const direct = new Redis(REDIS);
    expect(await direct.get(`${prefix}:k:7`)).toBe(JSON.stringify({ i: 7 }));
    direct.disconnect();
    await storage.dispose();
  });
});
