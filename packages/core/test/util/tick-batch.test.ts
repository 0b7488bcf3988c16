import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { TickBatch } from "../../src/util/tick-batch.js";

/** The database with a count of the transactions it ran. */
function counting(database: Database): Database & { transactions: number } {
  const counted = {
    ...database,
    transactions: 0,
    transaction<T>(fn: Parameters<Database["transaction"]>[0]) {
      counted.transactions++;
      return database.transaction(fn) as Promise<T>;
    },
  };
  return counted;
}

let database: Database;
const rows = async <T>(query: Promise<unknown>) => ((await query) as { rows: T[] }).rows;
afterAll(async () => database?.close());

describe("TickBatch", () => {
  // Regression: #18 — every message cost several separate writes; now a tick's writes share one transaction.
  it("runs every write queued in one tick in one transaction, and the next tick's in the next", async () => {
    database = await openTestDatabase();
    await database.db.execute(sql`create temporary table t (n int primary key)`);
    const db = counting(database);
    const batch = new TickBatch(db);
    const first = Array.from({ length: 50 }, (_, n) => batch.run((tx) => tx.execute(sql`insert into t values (${n})`)));
    await Promise.all(first);
    expect(db.transactions).toBe(1);
    const second = Array.from({ length: 50 }, (_, n) =>
      batch.run((tx) => tx.execute(sql`insert into t values (${n + 50})`)),
    );
    await Promise.all(second);
    expect(db.transactions).toBe(2);
    const [{ count } = { count: 0 }] = await rows<{ count: number }>(
      database.db.execute(sql`select count(*)::int as count from t`),
    );
    expect(count).toBe(100);
  });

  it("fails only the write that failed; the others of its tick commit", async () => {
    const db = counting(database);
    const batch = new TickBatch(db);
    const ok = batch.run((tx) => tx.execute(sql`insert into t values (1000)`));
    const bad = batch.run((tx) => tx.execute(sql`insert into t values (1000)`)); // duplicate key
    const alsoOk = batch.run(async (tx) => (await tx.execute(sql`insert into t values (1001)`), "done"));
    await expect(ok).resolves.toBeDefined();
    await expect(bad).rejects.toThrow("Failed query: insert into t values (1000)");
    await expect(alsoOk).resolves.toBe("done");
    const kept = await rows<{ n: number }>(database.db.execute(sql`select n from t where n >= 1000 order by n`));
    expect(kept.map((r) => r.n)).toEqual([1000, 1001]);
  });

  it("queues writes made while a transaction runs into the next one, and flush waits for all", async () => {
    const db = counting(database);
    const batch = new TickBatch(db);
    let inner: Promise<unknown> | undefined;
    await batch.run(async (tx) => {
      inner = batch.run((t) => t.execute(sql`insert into t values (2000)`));
      return tx.execute(sql`select 1`);
    });
    await batch.flush();
    await inner;
    expect(db.transactions).toBe(2);
  });

  // Regression: #18 — a sent message's status and receipts committed in ticks of their own, so a
  // transaction carried 1.3–2 messages; deferred writes now wait the window for company.
  it("lets deferred writes of several ticks share one transaction within the window", async () => {
    const db = counting(database);
    const batch = new TickBatch(db, { windowMs: 30 });
    const writes: Promise<unknown>[] = [];
    for (let n = 0; n < 5; n++) {
      writes.push(batch.run((tx) => tx.execute(sql`insert into t values (${3000 + n})`), { defer: true }));
      await new Promise((r) => setImmediate(r)); // a tick of its own each
    }
    await Promise.all(writes);
    expect(db.transactions).toBe(1);
    // Without a window each tick commits alone, as before.
    const plain = new TickBatch(db);
    for (let n = 0; n < 3; n++) {
      await new Promise((r) => setImmediate(r));
      void plain.run((tx) => tx.execute(sql`insert into t values (${3100 + n})`), { defer: true });
    }
    await plain.flush();
    expect(db.transactions).toBe(4);
  });

  it("commits a deferred write at the end of the tick once an urgent write (an accept) joins it", async () => {
    const db = counting(database);
    const batch = new TickBatch(db, { windowMs: 10_000 });
    const deferred = batch.run((tx) => tx.execute(sql`insert into t values (3200)`), { defer: true });
    await new Promise((r) => setImmediate(r));
    const started = Date.now();
    await batch.run((tx) => tx.execute(sql`insert into t values (3201)`));
    await deferred;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(db.transactions).toBe(1);
  });

  it("ends a window early at maxQueued writes, and flush ends it at once", async () => {
    const db = counting(database);
    const batch = new TickBatch(db, { windowMs: 10_000, maxQueued: 3 });
    const full = [0, 1, 2].map((n) =>
      batch.run((tx) => tx.execute(sql`insert into t values (${3300 + n})`), { defer: true }),
    );
    await Promise.all(full);
    expect(db.transactions).toBe(1);
    const pending = batch.run((tx) => tx.execute(sql`insert into t values (3310)`), { defer: true });
    const started = Date.now();
    await batch.flush();
    await pending;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(db.transactions).toBe(2);
  });

  it("retries a failing deferred batch one transaction each", async () => {
    const db = counting(database);
    const batch = new TickBatch(db, { windowMs: 20 });
    const ok = batch.run((tx) => tx.execute(sql`insert into t values (3400)`), { defer: true });
    await new Promise((r) => setImmediate(r));
    const bad = batch.run((tx) => tx.execute(sql`insert into t values (3400)`), { defer: true });
    await expect(ok).resolves.toBeDefined();
    await expect(bad).rejects.toThrow("insert into t values");
    expect(db.transactions).toBe(3);
  });
});
