import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { SerialKeyStore } from "../src/key-store.js";
import { PreKeyBuckets } from "../src/prekey-buckets.js";

const codec = {
  encode: (value: unknown) => JSON.stringify({ v: value }),
  decode: <T>(text: string | undefined) => (text === undefined ? undefined : (JSON.parse(text) as { v: T }).v),
};

describe("PreKeyBuckets", () => {
  it("stores many pre-keys in few items and reads them back across buckets", async () => {
    const storage = createStorage();
    const buckets = new PreKeyBuckets(new SerialKeyStore(storage), codec, 100);
    await buckets.set(Array.from({ length: 812 }, (_, i) => [String(i + 1), { n: i + 1 }]));
    expect((await storage.getKeys("pre-key")).length).toBe(9);
    expect(await buckets.get(["1", "99", "100", "812", "813"])).toEqual({
      "1": { n: 1 },
      "99": { n: 99 },
      "100": { n: 100 },
      "812": { n: 812 },
    });
  });

  it("never loses an update when sets and deletes on one bucket overlap", async () => {
    const storage = createStorage();
    const buckets = new PreKeyBuckets(new SerialKeyStore(storage), codec, 100);
    await buckets.set([
      ["1", { n: 1 }],
      ["2", { n: 2 }],
    ]);
    await Promise.all([
      buckets.set([["3", { n: 3 }]]),
      buckets.set([["1", null]]),
      buckets.set([["4", { n: 4 }]]),
      buckets.set([["2", null]]),
    ]);
    // A fresh reader over the same storage sees exactly the result of all four.
    const fresh = new PreKeyBuckets(new SerialKeyStore(storage), codec, 100);
    expect(await fresh.get(["1", "2", "3", "4"])).toEqual({ "3": { n: 3 }, "4": { n: 4 } });
    await buckets.set([
      ["3", null],
      ["4", null],
    ]);
    expect(await storage.getKeys("pre-key")).toEqual([]);
  });
});
