// Issue #18: a status change (sent, delivered, read) looked its record up with `id = … or engine_id = …`,
// which no index serves: every change read all of the profile's records (2k rows: 2 ms in the embedded
// database, three times per sent message), so the send path slowed down as history grew.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../src/db/types.js";
import { outboxMessages } from "../../src/outbox/table.js";
import { advanceStatement, MessageRecords } from "../../src/outbox/records.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { TickBatch } from "../../src/util/tick-batch.js";

const ROWS = 2000;

describe.each(["embedded", "postgres"] as const)("message records (%s)", (dialect) => {
  let database: Database;
  let records: MessageRecords;
  let skip = false;

  beforeAll(async () => {
    if (dialect === "postgres" && !(await postgresAvailable())) return void (skip = true);
    database = await openTestDatabase(dialect === "postgres" ? TEST_POSTGRES_URL : undefined);
    records = new MessageRecords(database, new TickBatch(database));
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      profileId: "p1",
      id: `M${i}`,
      to: "x@s.whatsapp.net",
      type: "text",
      status: "queued" as const,
      rank: 0,
      attempts: 0,
      createdAt: i,
      updatedAt: i,
      seq: String(i).padStart(8, "0"),
      queued: true,
      payload: null,
    }));
    for (let i = 0; i < rows.length; i += 500) await database.db.insert(outboxMessages).values(rows.slice(i, i + 500));
  }, 60_000);
  afterAll(() => database?.close());

  /** A transaction that counts the statements run through it. */
  function countingTx(tx: Db, count: () => void): Db {
    return new Proxy(tx, {
      get: (target, prop, receiver) =>
        prop === "execute"
          ? (...args: unknown[]) => (count(), (target.execute as (...a: unknown[]) => unknown)(...args))
          : Reflect.get(target, prop, receiver),
    });
  }

  /** Rows the plan's scans read and threw away, over the whole plan. */
  async function rowsFiltered(statement: ReturnType<typeof advanceStatement>): Promise<number> {
    let removed = 0;
    await database
      .transaction(async (tx) => {
        const result = (await tx.execute(sql`explain (analyze, format json) ${statement}`)) as unknown as {
          rows: { "QUERY PLAN": unknown }[];
        };
        const plan = result.rows[0]!["QUERY PLAN"];
        const walk = (node: Record<string, unknown>) => {
          removed += Number(node["Rows Removed by Filter"] ?? 0) + Number(node["Rows Removed by Join Filter"] ?? 0);
          for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
        };
        walk((typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan);
        throw new Error("rollback"); // EXPLAIN ANALYZE ran the update: leave the record as it was
      })
      .catch((e: Error) => {
        if (e.message !== "rollback") throw e;
      });
    return removed;
  }

  it("find a record by our id or by the engine's without reading the profile's other records", async (ctx) => {
    if (skip) return ctx.skip();
    await records.alias("p1", "M10", "ENGINE10");
    const change = (id: string, status: "sent" | "delivered") => ({ profileId: "p1", id, status, patch: {} });
    expect(await rowsFiltered(advanceStatement([change("M20", "sent")]))).toBeLessThan(5);
    expect(await rowsFiltered(advanceStatement([change("ENGINE10", "delivered")], "engine_id"))).toBeLessThan(5);
    expect(await rowsFiltered(advanceStatement([change("M21", "sent"), change("M22", "delivered")]))).toBeLessThan(5);
  });

  it("move forward only, by either id, and report the status each change replaced", async (ctx) => {
    if (skip) return ctx.skip();
    const seen: string[] = [];
    const onChange = (r: { status: string }, previous: string) => seen.push(`${previous}>${r.status}`);
    await records.advance("p1", "M30", "sent", { finish: true }, onChange);
    await records.alias("p1", "M30", "ENGINE30");
    await records.advance("p1", "ENGINE30", "read", {}, onChange);
    // A late "delivered" never overwrites "read", and reports no change.
    const late = await records.advance("p1", "ENGINE30", "delivered", {}, onChange);
    expect(late).toMatchObject({ id: "M30", status: "read", engineId: "ENGINE30" });
    expect(seen).toEqual(["queued>sent", "sent>read"]);
    const [row] = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.profileId, "p1"), eq(outboxMessages.id, "M30")));
    expect(row).toMatchObject({ queued: false, payload: null, rank: 4 });
  });

  it("apply a tick's changes in one statement, in order, even when two name the same record", async (ctx) => {
    if (skip) return ctx.skip();
    let statements = 0;
    const counted: Database = {
      ...database,
      transaction: (fn) => database.transaction((tx) => fn(countingTx(tx, () => statements++))),
    };
    const counting = new MessageRecords(counted, new TickBatch(counted));
    const changes = await Promise.all([
      counting.advance("p1", "M50", "sent"),
      counting.advance("p1", "M51", "sent"),
      counting.advance("p1", "M50", "read"),
      counting.advance("p1", "M52", "delivered"),
    ]);
    expect(changes.map((r) => r?.status)).toEqual(["sent", "sent", "read", "delivered"]);
    // Round one: M50, M51, M52; round two: M50 again.
    expect(statements).toBe(2);
  });

  it("leave a failed record failed and answer null for an unknown id", async (ctx) => {
    if (skip) return ctx.skip();
    await records.advance("p1", "M40", "failed", { error: { code: "SEND_FAILED", message: "x" }, finish: true });
    expect(await records.advance("p1", "M40", "sent")).toBeNull();
    expect((await records.get("p1", "M40"))?.status).toBe("failed");
    expect(await records.advance("p1", "nope", "sent")).toBeNull();
  });
});
