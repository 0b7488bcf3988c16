import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../db/migrate.js";
import type { Database } from "../db/types.js";

export interface RecordsSuiteOptions {
  name: string;
  /** A fresh, migrated, empty database (the suite closes it when done). */
  open(): Promise<Database>;
  /** Runs the suite only when this resolves true (e.g. the service answers). @default always */
  available?(): Promise<boolean> | boolean;
}

/** What MultiWA needs from its records database; run on PGlite and on a real PostgreSQL. */
export function testRecords(options: RecordsSuiteOptions): void {
  // Opening PGlite runs WASM Postgres; on a busy machine that takes far longer than a query.
  describe(`records conformance: ${options.name}`, { timeout: 120_000 }, () => {
    let database: Database | undefined;
    let skip = false;
    const db = () => database!;

    beforeAll(async () => {
      skip = options.available ? !(await options.available()) : false;
      if (!skip) database = await options.open();
    }, 180_000);

    afterAll(async () => {
      await database?.close();
    });

    it("has every migration applied once; applying again is a no-op", async (ctx) => {
      if (skip) return ctx.skip();
      expect(await applyMigrations(db().db)).toBe(0);
      const rows = await db().db.execute<{ name: string }>(sql`select name from multiwa_migrations`);
      expect((rows as unknown as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(["0000_init"]);
    });

    it("commits a transaction that resolves and rolls back one that throws", async (ctx) => {
      if (skip) return ctx.skip();
      await db().db.execute(sql`create table suite_tx (id int primary key)`);
      await db().transaction(async (tx) => {
        await tx.execute(sql`insert into suite_tx values (1)`);
      });
      await expect(
        db().transaction(async (tx) => {
          await tx.execute(sql`insert into suite_tx values (2)`);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      const rows = await db().db.execute<{ id: number }>(sql`select id from suite_tx order by id`);
      expect((rows as unknown as { rows: { id: number }[] }).rows).toEqual([{ id: 1 }]);
      await db().db.execute(sql`drop table suite_tx`);
    });

    it("refuses a database made by another development build of the schema", async (ctx) => {
      if (skip) return ctx.skip();
      const changed = [{ name: "0000_init", hash: "another-build", statements: [] }];
      await expect(applyMigrations(db().db, changed)).rejects.toMatchObject({ code: "STORAGE_FAILED" });
    });
  });
}
