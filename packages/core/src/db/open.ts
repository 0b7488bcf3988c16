import { join, resolve } from "node:path";
import { MultiWAError } from "../errors.js";
import type { Database, OpenDatabaseOptions } from "./types.js";

/**
 * Opens the records database from a URL, as the server's `MULTIWA_DATABASE` takes it, and applies
 * the schema's migrations: `pglite:<dir>` (embedded, the default under `dataDir`), `memory:` (PGlite
 * in memory, for tests) or `postgres://user@host:5432/db` (production, any managed PostgreSQL).
 */
export async function openDatabase(url?: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const target = url ?? `pglite:${join(options.dataDir ?? ".multiwa-data", "database")}`;
  if (target === "memory:" || target === "memory") {
    const { openMemory } = await import("./pglite-memory.js");
    return openMemory(options);
  }
  if (target.startsWith("pglite:")) {
    const dir = target.slice("pglite:".length);
    if (!dir) throw invalidUrl(target, "pglite: needs a folder, e.g. pglite:.multiwa-data/database");
    const { openPglite } = await import("./pglite.js");
    return openPglite(resolve(dir), options);
  }
  if (target.startsWith("postgres://") || target.startsWith("postgresql://")) {
    const { openPostgres } = await import("./postgres.js");
    return openPostgres(target, options);
  }
  throw invalidUrl(target, "use pglite:<dir>, memory: or postgres://…");
}

// --- Internal helpers ---

function invalidUrl(url: string, hint: string): MultiWAError {
  return new MultiWAError("VALIDATION_FAILED", `Unsupported database URL ${JSON.stringify(url)}; ${hint}`, {
    details: { field: "database", value: url },
  });
}
