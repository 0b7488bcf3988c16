import { createStorage, defineDriver } from "unstorage";
import { describe, expect, it } from "vitest";
import { SerialKeyStore } from "../src/key-store.js";

/** A memory driver whose reads and writes take up to `delayMs`; it records the most writes in flight per key. */
function slowStorage(delayMs: number) {
  const data = new Map<string, string>();
  const inFlight = new Map<string, number>();
  const stats = { maxPerKey: 0, writes: 0, reads: 0, batches: 0 };
  const driver = defineDriver(() => {
    const self = {
      name: "slow",
      hasItem: (key: string) => data.has(key),
      async getItem(key: string) {
        stats.reads++;
        await new Promise((r) => setTimeout(r, delayMs * Math.random()));
        return data.get(key) ?? null;
      },
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
      async setItems(items: { key: string; value: string }[]) {
        stats.batches++;
        await Promise.all(items.map((i) => self.setItem(i.key, i.value)));
      },
    };
    return self;
  });
  return { storage: createStorage({ driver: driver({}) }), data, stats };
}

describe("SerialKeyStore", () => {
  it("keeps one write per key in flight and lets the newest value win", async () => {
    const { storage, data, stats } = slowStorage(20);
    const store = new SerialKeyStore(storage);
    const writes = Array.from({ length: 50 }, (_, i) =>
      store.write([
        ["session:a", `{"v":${i}}`],
        [`pre-key:${i}`, `{"v":${i}}`],
      ]),
    );
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
    void store.write([
      ["a", "1"],
      ["b", "2"],
    ]);
    await store.flush();
    expect([...data.keys()].sort()).toEqual(["a", "b"]);
    store.discard();
    await store.write([["c", "3"]]);
    await store.flush();
    expect(data.has("c")).toBe(false);
  });

  // Regression: #18 — Baileys asked for the same missing keys (tctoken, LID mapping) on every send,
  // and every read went to the disk.
  it("caches reads per session, misses included", async () => {
    const { storage, data, stats } = slowStorage(5);
    data.set("session:a", '{"v":1}');
    const store = new SerialKeyStore(storage);
    for (let i = 0; i < 20; i++) {
      expect(await store.read("session:a")).toBe('{"v":1}');
      expect(await store.read("tctoken:b")).toBeUndefined();
    }
    expect(stats.reads).toBe(2);
    // Concurrent reads of one key share one storage read.
    await Promise.all([store.read("c"), store.read("c"), store.read("c")]);
    expect(stats.reads).toBe(3);
  });

  it("never caches a read that a write overtook", async () => {
    const { storage, data } = slowStorage(30);
    data.set("k", '{"v":"old"}');
    const store = new SerialKeyStore(storage);
    const reading = store.read("k");
    await store.write([["k", '{"v":"new"}']]);
    await reading;
    expect(await store.read("k")).toBe('{"v":"new"}');
  });

  // Regression: #18 — each Signal key was one storage write; a burst now goes out as one batch per round trip.
  it("stores the keys written while a batch is in flight together in the next batch", async () => {
    const { storage, data, stats } = slowStorage(20);
    const store = new SerialKeyStore(storage);
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.write([[`session:${i}`, `{"v":${i}}`]])));
    expect(data.size).toBe(30);
    expect(stats.batches).toBeGreaterThan(0);
    expect(stats.batches).toBeLessThanOrEqual(2);
  });

  it("evicts the least recently used entry beyond its size and reads it again from storage", async () => {
    const { storage, stats } = slowStorage(1);
    const store = new SerialKeyStore(storage, { cacheSize: 2 });
    await store.read("a");
    await store.read("b");
    await store.read("a");
    await store.read("c"); // evicts b
    await store.read("a");
    expect(stats.reads).toBe(3);
    await store.read("b");
    expect(stats.reads).toBe(4);
  });

  // Regression: #18 — each profile sends to one peer, so Baileys rewrote the same Signal session on every
  // message and every rewrite was a file write (≈ 10 % of the gateway's CPU in send-e2e). A deferred
  // write resolves at once and the window stores the newest value once.
  it("stores a key deferred many times within the window once, after resolving at once", async () => {
    const { storage, data, stats } = slowStorage(2);
    const store = new SerialKeyStore(storage, { windowMs: 40 });
    for (let i = 0; i < 50; i++) await store.write([["session:a", `{"v":${i}}`]], { defer: true });
    expect(stats.batches).toBe(0);
    expect(data.has("session:a")).toBe(false);
    expect(await store.read("session:a")).toBe('{"v":49}');
    await new Promise((r) => setTimeout(r, 80));
    expect(stats.batches).toBe(1);
    expect(stats.writes).toBe(1);
    expect(data.get("session:a")).toBe('{"v":49}');
  });

  // A per-message awaited write (a device list, a LID mapping) must not pull the session out of its window.
  it("an awaited write goes out at once without the deferred ones; flush stores those too", async () => {
    const { storage, data, stats } = slowStorage(2);
    const store = new SerialKeyStore(storage, { windowMs: 60_000 });
    void store.write([["session:a", "1"]], { defer: true });
    await store.write([["creds", "2"]]);
    expect(data.get("creds")).toBe("2");
    expect(data.has("session:a")).toBe(false);
    // An awaited write of a deferred key makes it awaited.
    void store.write([["session:b", "3"]], { defer: true });
    await store.write([["session:b", "4"]]);
    expect(data.get("session:b")).toBe("4");
    expect(stats.batches).toBe(2);
    await store.flush();
    expect(data.get("session:a")).toBe("1");
    expect(stats.batches).toBe(3);
  });

  it("keeps a failed deferred batch readable, reports it and stores it on the retry", async () => {
    let fail = true;
    const data = new Map<string, string>();
    const driver = defineDriver(() => ({
      name: "flaky",
      hasItem: (key: string) => data.has(key),
      getItem: (key: string) => data.get(key) ?? null,
      getKeys: () => [...data.keys()],
      setItem(key: string, value: string) {
        if (fail) throw new Error("disk full");
        data.set(key, value);
      },
      removeItem: (key: string) => void data.delete(key),
    }));
    const errors: unknown[] = [];
    const store = new SerialKeyStore(createStorage({ driver: driver({}) }), {
      windowMs: 5,
      onError: (e) => errors.push(e),
    });
    await store.write([["session:a", "1"]], { defer: true });
    await new Promise((r) => setTimeout(r, 30));
    expect(errors).toHaveLength(1);
    expect(await store.read("session:a")).toBe("1");
    fail = false;
    await store.flush();
    expect(data.get("session:a")).toBe("1");
  });

  it("writes through without a window, defer or not", async () => {
    const { storage, data } = slowStorage(2);
    const store = new SerialKeyStore(storage);
    await store.write([["session:a", "1"]], { defer: true });
    expect(data.get("session:a")).toBe("1");
  });
});
