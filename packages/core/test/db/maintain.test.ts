// Issue #18: the embedded database (PGlite, single-user Postgres) has no autovacuum. Every sent message
// leaves three dead row versions in the outbox and the planner never gets statistics, so a long-running
// gateway would grow and plan blind. Retention's pass now ends with `vacuum (analyze)` there.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/pglite.js";
import type { Database } from "../../src/db/types.js";
import { Retention } from "../../src/retention.js";

let database: Database | undefined;
afterAll(() => database?.close());

const rowsOf = async (db: Database, query: ReturnType<typeof sql>) =>
  ((await db.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

describe("embedded database maintenance", () => {
  it("vacuums and analyzes after each retention pass, even with every kind kept forever", async () => {
    database = await openPglite(join(mkdtempSync(join(tmpdir(), "multiwa-maintain-")), "database"));
    await database.db.execute(sql`
      insert into outbox_messages (profile_id, id, "to", type, status, rank, attempts, created_at, updated_at, seq, queued)
      select 'p', 'M' || g, 'x', 'text', 'queued', 0, 0, g, g, lpad(g::text, 8, '0'), true from generate_series(1, 500) g`);
    await database.db.execute(sql`update outbox_messages set rank = 2, status = 'sent', queued = false`);
    const stats = () =>
      rowsOf(
        database!,
        sql`select last_vacuum is not null as vacuumed, last_analyze is not null as analyzed
            from pg_stat_user_tables where relname = 'outbox_messages'`,
      );
    expect((await stats())[0]).toMatchObject({ vacuumed: false, analyzed: false });

    const retention = new Retention(
      [{ name: "message records", days: false, store: { prune: async () => 0 } }],
      { warn() {}, info() {}, error() {}, debug() {} } as never,
      60_000,
      Date.now,
      () => database!.maintain!(),
    );
    await retention.run();
    expect((await stats())[0]).toMatchObject({ vacuumed: true, analyzed: true });
    const [table] = await rowsOf(
      database,
      sql`select reltuples::int as rows from pg_class where relname = 'outbox_messages'`,
    );
    expect(table!.rows).toBe(500);
  });
});
