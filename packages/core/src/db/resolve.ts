import type { Storage } from "unstorage";
import type { MultiWAOptions } from "../options.js";
import { MultiWAError } from "../errors.js";
import { openDatabase } from "./open.js";
import type { Database } from "./types.js";

/** In-memory databases of callers that gave a storage but no database, one per storage object. */
const _byStorage = new WeakMap<Storage, Promise<Database>>();

/** The database `createMultiWA` uses, and whether it opened it (and so closes it). */
export async function resolveDatabase(
  options: MultiWAOptions,
  storage: Storage,
): Promise<{ database: Database; owned: boolean }> {
  if (typeof options.database === "object") return { database: options.database, owned: false };
  if (options.database !== undefined)
    return { database: await openDatabase(options.database, dataDir(options)), owned: true };
  if (options.storage && options.dataDir === undefined) {
    // Records in memory beside a durable store would vanish on a restart while the credentials stay.
    if (durable(options.storage))
      throw new MultiWAError(
        "VALIDATION_FAILED",
        "Expected `database` (a `pglite:<dir>` or `postgres://…` URL, or `memory:`) or `dataDir` beside a durable `storage`: records (profiles, messages, contacts) would otherwise live in memory and be lost on restart",
        { details: { field: "database" } },
      );
    // A restart in a test gives the same storage object again, and finds the same records.
    let shared = _byStorage.get(storage);
    if (!shared) {
      shared = openDatabase("memory:");
      shared.catch(() => _byStorage.delete(storage));
      _byStorage.set(storage, shared);
    }
    return { database: await shared, owned: false };
  }
  return { database: await openDatabase(undefined, dataDir(options)), owned: true };
}

function dataDir(options: MultiWAOptions): { dataDir?: string } {
  return options.dataDir === undefined ? {} : { dataDir: options.dataDir };
}

/** Whether a storage's root driver keeps data across restarts (unknown drivers count as durable; memory does not). */
function durable(storage: Storage): boolean {
  const name = (storage as Partial<Pick<Storage, "getMount">>).getMount?.("")?.driver?.name;
  return name !== undefined && name !== "memory";
}
