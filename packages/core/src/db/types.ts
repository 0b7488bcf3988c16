import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

/** The same SQL dialect everywhere: embedded PGlite (WASM Postgres) or a PostgreSQL server. */
export type DatabaseDialect = "pglite" | "postgres";

/** A drizzle query builder, or the transaction handed to `Database.transaction`'s callback. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** The records database: what modules query with drizzle, and how it is closed. */
export interface Database {
  /** drizzle over PGlite or node-postgres; tables come from each module's `table.ts`. */
  readonly db: Db;
  readonly dialect: DatabaseDialect;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Housekeeping a server would do by itself: the embedded database has no autovacuum, so without it
   * dead row versions (three per sent message) and stale planner statistics only pile up. Absent on
   * PostgreSQL, whose autovacuum does it.
   */
  maintain?(): Promise<void>;
  /** Closes the connection (PGlite flushes its data folder). Idempotent. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Folder of the default embedded database (`pglite:<dataDir>/database`). @default ".multiwa-data" */
  dataDir?: string;
  /** Apply the schema's migrations at open. @default true */
  migrate?: boolean;
  /** PGlite's `shared_buffers`; Postgres' default (128MB) doubles the embedded RSS. @default "16MB" */
  sharedBuffers?: string;
  /** node-postgres pool size. @default 10 */
  poolSize?: number;
}
