import { sql } from "drizzle-orm";
import { MultiWAError } from "../errors.js";
import { MIGRATIONS, type Migration } from "./_migrations.js";
import type { Db } from "./types.js";

/** Any number; only needs to be the same on every node so two opening at once apply migrations once. */
const LOCK_ID = 7_305_127;

/**
 * Applies the migrations this database has not seen, in one transaction under an advisory lock.
 * A migration applied with other contents means the database was made by a different development
 * build of the schema (nothing is released yet, so the initial migration is regenerated).
 */
export async function applyMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ID})`);
    await tx.execute(sql`create table if not exists multiwa_migrations
      (name text primary key, hash text not null, applied_at timestamptz not null default now())`);
    const applied = await tx.execute<{ name: string; hash: string }>(sql`select name, hash from multiwa_migrations`);
    const seen = new Map(rowsOf<{ name: string; hash: string }>(applied).map((r) => [r.name, r.hash]));
    let count = 0;
    for (const migration of migrations) {
      const hash = seen.get(migration.name);
      if (hash === migration.hash) continue;
      if (hash !== undefined) throw schemaMismatch(migration.name);
      for (const statement of migration.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into multiwa_migrations (name, hash) values (${migration.name}, ${migration.hash})`);
      count++;
    }
    return count;
  });
}

// --- Internal helpers ---

/** node-postgres answers `{ rows }`, PGlite answers `{ rows }` too; drizzle passes either through. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function schemaMismatch(name: string): MultiWAError {
  return new MultiWAError(
    "STORAGE_FAILED",
    `The database was created by another development build of the schema (migration ${name} differs); ` +
      "use a new database or delete the embedded database folder",
    { details: { field: "database", migration: name } },
  );
}
