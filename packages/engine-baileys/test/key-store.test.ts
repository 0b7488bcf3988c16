import { createStorage, defineDriver } from "unstorage";
import { describe, expect, it } from "vitest";
import { SerialKeyStore } from "../src/key-store.js";

/** A memory driver whose writes take `delayMs` and which records the most writes in flight per key. */
function slowStorage(delayMs: number) {
  const data = new Map<string, string>();
  const inFlight = new Map<string, number>();
  const stats = { maxPerKey: 0, writes: 0 };
  const driver = defineDriver(() => ({
    name: "slow",
    hasItem: (key: string) => data.has(key),
    getItem: (key: string) => data.get(key) ?? null,
    getKeys: () => [...data.keys()],
    async setItem(key: string, value: string) {
      inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
      stats.maxPerKey = Math.max(stats.maxPerKey, inFlight.get(key)!);
      stats.writes++;
      // Later writes finish sooner: without serialising, an older value would win.
      await new Promise((r) => setTimeout(r, delayMs * Math.random()));
      data.set(key, value);
      inFlight.set(key, inFlight.get(key)! - 1);
    },
    removeItem: (key: string) => void data.delete(key),
  }));
  return { storage: createStorage({ driver: driver({}) }), data, stats };
}

describe("SerialKeyStore", () => {
  it("keeps one write per key in flight and lets the newest value win", async () => {
    const { storage, data, stats } = slowStorage(20);
    const store = new SerialKeyStore(storage);
    const writes = Array.from({ length: 50 }, (_, i) => store.write([["session:a", `{"v":${i}}`], [`pre-key:${i}`, `{"v":${i}}`]]));
    await Promise.all(writes);
    expect(data.get("session:a")).toBe('{"v":49}');
    expect(stats.maxPerKey).toBe(1);
    // Queued writes to one key collapse: far fewer than 50 reach the driver.
    expect(stats.writes).toBeLessThan(50 + 10);
  });

  it("reads queued values before they are stored, and deletes with null", async () => {
    const { storage } = slowStorage(30);
    const store = new SerialKeyStore(storage);
    const pending = store.write([["k", '{"v":1}']]);
    expect(await store.read("k")).toBe('{"v":1}');
    await pending;
    await store.write([["k", null]]);
    expect(await store.read("k")).toBeUndefined();
  });

  it("flush waits for everything queued; discard drops queued and later writes", async () => {
    const { storage, data } = slowStorage(10);
    const store = new SerialKeyStore(storage);
    void store.write([["a", "1"], ["b", "2"]]);
    await store.flush();
    expect([...data.keys()].sort()).toEqual(["a", "b"]);
    store.discard();
    await store.write([["c", "3"]]);
    await store.flush();
    expect(data.has("c")).toBe(false);
  });
});
