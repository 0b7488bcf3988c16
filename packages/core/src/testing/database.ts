import { randomBytes } from "node:crypto";
import { openDatabase } from "../db/open.js";
import type { Database } from "../db/types.js";

/** The PostgreSQL the records tests use: `MULTIWA_TEST_POSTGRES`, else the local server's `mw_test`. */
export const TEST_POSTGRES_URL: string =
  process.env.MULTIWA_TEST_POSTGRES ?? "postgres://postgres@127.0.0.1:5432/mw_test";

/**
 * A fresh, migrated database for one test: PGlite in memory without `url`; with a `postgres://` url,
 * a new schema in that database (created when missing), dropped again on `close()`.
 */
export async function openTestDatabase(url?: string): Promise<Database> {
  if (!url || url === "memory:") return openDatabase("memory:");
  const schema = await createTestSchema(url);
  const database = await openDatabase(schema.url, { poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      await schema.drop();
    },
  };
}

/**
 * A new, empty schema in the PostgreSQL database at `url` (created when missing): `url` selects it
 * (hand it to gateways as `MULTIWA_DATABASE`), `drop()` removes it with every table.
 */
export async function createTestSchema(
  url: string = TEST_POSTGRES_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  await ensureDatabase(url);
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create schema ${schema}`);
  return {
    url: withSearchPath(url, schema),
    drop: () => adminQuery(url, `drop schema if exists ${schema} cascade`).catch(() => {}),
  };
}

/**
 * Whether the PostgreSQL at `url` answers. Outside CI a missing server skips its tests (with a
 * message); with `CI=true` it is required, so a broken service fails the run instead of hiding.
 */
export async function postgresAvailable(url: string = TEST_POSTGRES_URL): Promise<boolean> {
  try {
    await ensureDatabase(url);
    return true;
  } catch (error) {
    if (process.env.CI === "true")
      throw new Error(`PostgreSQL at ${url} is required in CI: ${(error as Error).message}`);
    console.warn(`[multiwa] skipping PostgreSQL records tests: no server at ${url} (${(error as Error).message})`);
    return false;
  }
}

// --- Internal helpers ---

async function adminQuery(url: string, text: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}

const _ensured = new Map<string, Promise<void>>();

/** Creates the database named in `url` through the server's `postgres` database when missing. */
function ensureDatabase(url: string): Promise<void> {
  let done = _ensured.get(url);
  if (!done) {
    done = (async () => {
      const { default: pg } = await import("pg");
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      const admin = new URL(url);
      admin.pathname = "/postgres";
      const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
      await client.connect();
      try {
        const found = await client.query("select 1 from pg_database where datname = $1", [name]);
        if (found.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`).catch(() => {});
      } finally {
        await client.end();
      }
    })();
    done.catch(() => _ensured.delete(url));
    _ensured.set(url, done);
  }
  return done;
}
