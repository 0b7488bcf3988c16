import { afterAll, describe, expect, it } from "vitest";
import { automationTimers } from "../../src/automation/table.js";
import { DurableTimers, type DurableTimer } from "../../src/automation/timers.js";
import { openTestDatabase } from "../../src/testing/database.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

const fresh = async () => {
  const database = await openTestDatabase();
  afterAll(() => database.close());
  return database.db;
};

describe("durable timers", { timeout: 120_000 }, () => {
  it("fire only on the node that owns the profile, and a node that takes the profile over picks its timers up from storage", async () => {
    const db = await fresh();
    const fired: string[] = [];
    let bOwns = false;
    const a = new DurableTimers({
      db,
      logger: silent,
      owns: (profileId) => profileId === "pa",
      fire: async (t) => void fired.push(`a:${t.id}`),
      sweepMs: 50,
    });
    const b = new DurableTimers({
      db,
      logger: silent,
      owns: () => bOwns,
      fire: async (t) => void fired.push(`b:${t.id}`),
      sweepMs: 50,
    });
    await b.restore();
    const timer: DurableTimer = { id: "t1", dueAt: Date.now() + 30, profileId: "p", kind: "rule_delay", payload: {} };
    // Far in the future: never loaded by a check, which asks only for what is due.
    await new DurableTimers({ db, logger: silent, owns: () => true, fire: async () => void fired.push("never") }).add({
      ...timer,
      id: "later",
      dueAt: Date.now() + 86_400_000,
    });
    await a.add({ ...timer, id: "mine", profileId: "pa" });
    await a.restore();
    await expect.poll(() => fired).toEqual(["a:mine"]);
    // Written by a node that then died: b reloads it from storage but does not own the profile yet.
    await new DurableTimers({ db, logger: silent, owns: () => false, fire: async () => {} }).add(timer);
    await new Promise((r) => setTimeout(r, 150));
    expect(fired).toEqual(["a:mine"]);
    a.stop();
    // The node running "p" died; b takes the profile over.
    bOwns = true;
    await expect.poll(() => fired).toEqual(["a:mine", "b:t1"]);
    await new Promise((r) => setTimeout(r, 150));
    expect(fired).toEqual(["a:mine", "b:t1"]); // once
    expect((await db.select({ id: automationTimers.id }).from(automationTimers)).map((t) => t.id)).toEqual(["later"]);
    b.stop();
  });

  it("retries a timer whose action failed", async () => {
    const db = await fresh();
    let attempts = 0;
    const timers = new DurableTimers({
      db,
      logger: silent,
      owns: () => true,
      sweepMs: 30,
      fire: async () => {
        if (++attempts < 3) throw new Error("down");
      },
    });
    await timers.restore();
    await timers.add({ id: "x", dueAt: Date.now(), profileId: "p", kind: "flow_timeout", payload: {} });
    await expect.poll(() => attempts).toBe(3);
    await expect.poll(() => db.select().from(automationTimers)).toEqual([]);
    timers.stop();
  });
});
