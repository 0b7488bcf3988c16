import type { MultiWA } from "@multiwa/core";
import { WhatsAppSimulator } from "@multiwa/simulator";
import { createStorage, defineDriver } from "unstorage";
import { afterAll, describe, expect, it } from "vitest";
import { linkedMultiWA } from "./harness/linked.js";

/** An in-memory store that counts the writes of each key. */
function countingStorage() {
  const data = new Map<string, string>();
  const writes = new Map<string, number>();
  const driver = defineDriver(() => ({
    name: "memory",
    // "memory": records beside it may live in memory too (core refuses that next to a durable store).
    hasItem: (key: string) => data.has(key),
    getItem: (key: string) => data.get(key) ?? null,
    getKeys: (base: string) => [...data.keys()].filter((k) => k.startsWith(base ?? "")),
    setItem(key: string, value: string) {
      writes.set(key, (writes.get(key) ?? 0) + 1);
      data.set(key, value);
    },
    removeItem: (key: string) => void data.delete(key),
  }));
  return { storage: createStorage({ driver: driver({}) }), writes };
}

// Regression: #18 — Baileys rewrites the chat's Signal session on every message, and every rewrite was a
// storage write (a file each on the fs store: ≈ 10 % of the gateway's CPU in bench/send-e2e.ts). With the
// key write window the session is stored once per window, real Baileys on the simulator.
describe("Baileys key writes while sending", () => {
  let sim: WhatsAppSimulator | undefined;
  let wa: MultiWA | undefined;
  afterAll(async () => {
    await wa?.close();
    await sim?.close();
  });

  it("stores a chat's Signal session once per window, not once per message, and all of it on close", async () => {
    sim = await WhatsAppSimulator.start();
    const me = sim.createPhone({ name: "Me" });
    const peer = sim.createPhone({ name: "Peer", receipts: "none" });
    const { storage, writes } = countingStorage();
    wa = await linkedMultiWA(sim, me, "p", storage, { keyWriteWindowMs: 1_000 });
    // The first message sets the session up (device list, pre-key bundle); count from the second on.
    await wa.messages.sendAndWait("p", { to: peer.jid, content: { type: "text", text: "hello" } });
    await expect.poll(() => peer.inbox.all.length).toBe(1);
    await new Promise((r) => setTimeout(r, 1_200));
    // The peer's device and our own phone's (Baileys encrypts for both).
    const sessions = () => new Map([...writes].filter(([k]) => /(^|:)session:/.test(k)));
    const before = sessions();
    const started = Date.now();
    const texts = 40;
    for (let i = 0; i < texts; i++)
      await wa.messages.sendAndWait("p", { to: peer.jid, content: { type: "text", text: `t${i}` } });
    await expect.poll(() => peer.inbox.all.length, { timeout: 20_000 }).toBe(texts + 1);
    // Windows the sends spanned, plus the one open when they started.
    const windows = Math.ceil((Date.now() - started) / 1_000) + 1;
    const during = Math.max(...[...sessions()].map(([k, n]) => n - (before.get(k) ?? 0)));
    console.log("key writes by key:", JSON.stringify(Object.fromEntries(writes)));
    // Each session written once per window at most (it was once per message: ≥ 40).
    expect(during).toBeLessThanOrEqual(windows);
    expect(during).toBeLessThan(texts / 2);
    await wa.close();
    wa = undefined;
    // What the last window held is stored by the close.
    const closed = sessions();
    expect([...closed].some(([k, n]) => n > (before.get(k) ?? 0))).toBe(true);
  });
});
