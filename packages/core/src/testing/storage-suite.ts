import { prefixStorage, type Storage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearPrefix, safeKey, stripBase } from "../storage/namespaces.js";

export interface StorageSuiteOptions {
  name: string;
  /** A fresh, empty storage (the suite clears it when done). */
  create(): Promise<Storage> | Storage;
  dispose?(storage: Storage): Promise<void>;
}

/** What MultiWA needs from any unstorage driver; run against memory, fs, redis and db. */
export function testStorage(options: StorageSuiteOptions): void {
  describe(`storage conformance: ${options.name}`, () => {
    let storage: Storage;

    beforeAll(async () => {
      storage = await options.create();
      await clearPrefix(storage);
    });

    afterAll(async () => {
      if (storage) await clearPrefix(storage);
      await options.dispose?.(storage);
    });

    it("round-trips JSON values and tells missing from present", async () => {
      const value = { id: "x", n: 1.5, ok: true, list: [1, "two", null], nested: { deep: ["a"] }, unicode: "héllo 👋" };
      await storage.setItem("t:json", value);
      expect(await storage.getItem("t:json")).toEqual(value);
      expect(await storage.hasItem("t:json")).toBe(true);
      expect(await storage.getItem("t:missing")).toBeNull();
      expect(await storage.hasItem("t:missing")).toBe(false);
      await storage.setItem("t:str", "plain");
      expect(await storage.getItem("t:str")).toBe("plain");
      await storage.setItem("t:num", 42);
      expect(await storage.getItem("t:num")).toBe(42);
    });

    it("lists keys under a prefix, in any depth, and nothing else", async () => {
      await storage.setItem("outbox:p1:0002", { i: 2 });
      await storage.setItem("outbox:p1:0001", { i: 1 });
      await storage.setItem("outbox:p10:0001", { i: 3 });
      await storage.setItem("outbox:p1:deep:0003", { i: 4 });
      const keys = stripBase(await storage.getKeys("outbox:p1"), "outbox:p1").sort();
      expect(keys).toEqual(["0001", "0002", "deep:0003"]);
    });

    it("removes one key and clears one prefix only (clearPrefix)", async () => {
      await storage.setItem("c:a:1", 1);
      await storage.setItem("c:a:2", 2);
      await storage.setItem("c:b:1", 3);
      await storage.removeItem("c:a:1");
      expect(await storage.hasItem("c:a:1")).toBe(false);
      await clearPrefix(storage, "c:a");
      expect(await storage.getKeys("c:a")).toEqual([]);
      expect(await storage.getItem("c:b:1")).toBe(3);
    });

    it("isolates prefixed namespaces", async () => {
      const a = prefixStorage(storage, "auth:one");
      const b = prefixStorage(storage, "auth:two");
      await a.setItem("creds", { me: "a" });
      await b.setItem("creds", { me: "b" });
      expect(await a.getItem("creds")).toEqual({ me: "a" });
      expect((await a.getKeys()).length).toBe(1);
      await clearPrefix(a);
      expect(await b.getItem("creds")).toEqual({ me: "b" });
      expect(await a.hasItem("creds")).toBe(false);
    });

    it("keeps every one of many concurrent writes", async () => {
      await Promise.all(
        Array.from({ length: 200 }, (_, i) => storage.setItem(`bulk:${String(i).padStart(3, "0")}`, { i })),
      );
      const keys = await storage.getKeys("bulk");
      expect(keys).toHaveLength(200);
      const values = await Promise.all(keys.map((k) => storage.getItem<{ i: number }>(k)));
      expect(values.map((v) => v?.i).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    });

    it("stores keys made from arbitrary user input through safeKey", async () => {
      const raw = "order #42/éé: a key with spaces? & symbols";
      await storage.setItem(`idem:p:${safeKey(raw)}`, "MSG1");
      expect(await storage.getItem(`idem:p:${safeKey(raw)}`)).toBe("MSG1");
      expect(safeKey(raw)).not.toBe(safeKey(`${raw} `));
    });

    it("overwrites a value in place", async () => {
      await storage.setItem("w:k", { v: 1 });
      await storage.setItem("w:k", { v: 2 });
      expect(await storage.getItem("w:k")).toEqual({ v: 2 });
      expect(await storage.getKeys("w")).toHaveLength(1);
    });
  });
}
