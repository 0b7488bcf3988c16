import { resolve } from "node:path";
import { createStorage, type Storage } from "unstorage";
import { MultiWAError } from "../errors.js";

/** The embedded default: JSON files under a data folder, no service needed. */
export async function createFsStorage(dataDir = ".multiwa-data"): Promise<Storage> {
  const { atomicFsDriver } = await import("./fs-atomic.js");
  return createStorage({ driver: atomicFsDriver({ base: resolve(dataDir) }) });
}

/**
 * Builds a storage from a URL, as the server's `MULTIWA_STORAGE` takes it:
 * `memory:`, `fs:./path` (or a bare path), `redis://host:6379/0`, `postgres://user@host:5432/db`.
 */
export async function createStorageFromUrl(
  url: string,
  options: { prefix?: string; table?: string; batch?: boolean } = {},
): Promise<Storage> {
  if (url === "memory:" || url === "memory") return createStorage();
  if (url.startsWith("redis://") || url.startsWith("rediss://")) {
    const { default: redisDriver } = await importOptional(() => import("unstorage/drivers/redis"), "ioredis");
    const { batchRedisDriver } = await import("./redis-batch.js");
    const base = options.prefix ?? "multiwa";
    const driver = redisDriver({ url, base });
    // `batch: false` keeps one command per read or write (for comparisons).
    return createStorage({ driver: options.batch === false ? driver : batchRedisDriver(driver, base) });
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const [{ createDatabase }, { default: postgresql }, { default: db0Driver }] = await importOptional(
      () => Promise.all([import("db0"), import("db0/connectors/postgresql"), import("unstorage/drivers/db0")]),
      "db0 and pg",
    );
    const database = createDatabase(postgresql({ connectionString: url }));
    return createStorage({ driver: db0Driver({ database, tableName: options.table ?? "multiwa_storage" }) });
  }
  if (url.startsWith("fs:")) return createFsStorage(url.slice(3) || undefined);
  if (!url.includes("://")) return createFsStorage(url);
  throw new MultiWAError(
    "VALIDATION_FAILED",
    `Unsupported storage URL ${JSON.stringify(url)}; use memory:, fs:<dir>, redis://… or postgres://…`,
    {
      details: { field: "storage", value: url },
    },
  );
}

async function importOptional<T>(load: () => Promise<T>, pkg: string): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new MultiWAError(
      "STORAGE_FAILED",
      `This storage needs the \`${pkg}\` package; install it next to @multiwa/core`,
      { cause },
    );
  }
}
