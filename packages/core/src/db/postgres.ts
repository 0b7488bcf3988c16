import { MultiWAError } from "../errors.js";
import { applyMigrations } from "./migrate.js";
import type { Database, Db, OpenDatabaseOptions } from "./types.js";

/** A node-postgres pool on a PostgreSQL server; `?options=-c search_path=…` selects a schema. */
export async function openPostgres(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const [{ default: pg }, { drizzle }] = await loadDriver();
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = drizzle({ client: pool }) as unknown as Db;
  try {
    await pool.query("select 1");
    if (options.migrate !== false) await applyMigrations(db);
  } catch (cause) {
    await pool.end().catch(() => {});
    if (cause instanceof MultiWAError) throw cause;
    throw new MultiWAError("STORAGE_FAILED", `Could not open the database at ${redact(url)}`, {
      cause,
      details: { field: "database" },
    });
  }
  let closed: Promise<void> | undefined;
  return {
    db,
    dialect: "postgres",
    transaction: (fn) => db.transaction(fn),
    close: () => (closed ??= pool.end()),
  };
}

// --- Internal helpers ---

async function loadDriver() {
  try {
    return await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
  } catch (cause) {
    throw new MultiWAError(
      "STORAGE_FAILED",
      "A postgres:// database needs the `pg` package; install it next to @multiwa/core",
      { cause },
    );
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
