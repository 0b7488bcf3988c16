import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./pglite-extensions.js";
import { drizzle } from "drizzle-orm/pglite";
import { MultiWAError } from "../errors.js";
import { applyMigrations } from "./migrate.js";
import { pgliteStartParams, pgliteTemplate } from "./pglite.js";
import { preparedStatements } from "./pglite-statements.js";
import type { Database, Db, OpenDatabaseOptions } from "./types.js";

let _shared: Promise<PGlite> | undefined;
let _sequence = 0;

/**
 * A `memory:` database: its own schema in one in-memory PGlite shared by the whole process. Starting
 * WASM Postgres takes about a second (far more on a busy machine) and ~150 MB, so tests that open
 * hundreds of databases must not pay that each time; a schema costs one migration. `close()` drops it.
 * Its statements run with `search_path` set to that schema (see pglite-statements.ts).
 */
export async function openMemory(options: OpenDatabaseOptions = {}): Promise<Database> {
  let client: PGlite;
  try {
    client = await (_shared ??= createShared(options));
  } catch (cause) {
    _shared = undefined;
    throw new MultiWAError("STORAGE_FAILED", "Could not start the in-memory database", {
      cause,
      details: { field: "database" },
    });
  }
  const schema = `mem_${process.pid}_${++_sequence}`;
  await client.exec(`create schema ${schema}`);
  const statements = preparedStatements(client, { schema });
  const db = drizzle({ client: statements as unknown as PGlite }) as unknown as Db;
  await applyMigrations(db);
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: "pglite",
    transaction: (fn) => db.transaction(fn),
    close: () =>
      (closed ??= statements
        .release()
        .then(() => client.exec(`drop schema if exists ${schema} cascade`))
        .then(() => undefined)),
  };
}

// --- Internal helpers ---

async function createShared(options: OpenDatabaseOptions): Promise<PGlite> {
  const startParams = pgliteStartParams(options);
  return PGlite.create({ startParams, extensions: PGLITE_EXTENSIONS, loadDataDir: await pgliteTemplate(startParams) });
}
