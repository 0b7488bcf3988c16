import type { Storage } from "unstorage";
import type { MultiWAOptions } from "../options.js";
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
