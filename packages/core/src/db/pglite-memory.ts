import { PGlite, type Transaction } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { MultiWAError } from "../errors.js";
import { applyMigrations } from "./migrate.js";
import { pgliteStartParams, pgliteTemplate } from "./pglite.js";
import type { Database, Db, OpenDatabaseOptions } from "./types.js";

let _shared: Promise<PGlite> | undefined;
let _sequence = 0;

/**
 * A `memory:` database: its own schema in one in-memory PGlite shared by the whole process. Starting
 * WASM Postgres takes about a second (far more on a busy machine) and ~150 MB, so tests that open
 * hundreds of databases must not pay that each time; a schema costs one migration. `close()` drops it.
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
  const db = drizzle({ client: scoped(client, schema) as PGlite }) as unknown as Db;
  await applyMigrations(db);
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: "pglite",
    transaction: (fn) => db.transaction(fn),
    close: () => (closed ??= client.exec(`drop schema if exists ${schema} cascade`).then(() => undefined)),
  };
}

// --- Internal helpers ---

async function createShared(options: OpenDatabaseOptions): Promise<PGlite> {
  const startParams = pgliteStartParams(options);
  return PGlite.create({ startParams, loadDataDir: await pgliteTemplate(startParams) });
}

/**
 * What drizzle calls on a PGlite client (`query`, `transaction`), each run in a transaction whose
 * `search_path` is this database's schema, so databases sharing the instance never see each other.
 */
function scoped(client: PGlite, schema: string): Pick<PGlite, "query" | "transaction"> {
  const enter = (tx: Transaction) => tx.exec(`set local search_path to ${schema}`);
  return {
    query: ((text: string, params?: unknown[], options?: object) =>
      client.transaction(async (tx) => (await enter(tx), tx.query(text, params, options)))) as PGlite["query"],
    transaction: (<T>(fn: (tx: Transaction) => Promise<T>) =>
      client.transaction(async (tx) => (await enter(tx), fn(tx)))) as PGlite["transaction"],
  };
}
