import { createHash } from "node:crypto";
import { prefixStorage, type Storage } from "unstorage";
import { KEYSPACE } from "./keyspace.js";

/** A profile's engine storage (credentials, keys, the engine's own maps): the `engineAuth` keyspace. */
export function profileAuthStorage(storage: Storage, profileId: string): Storage {
  return prefixStorage(storage, `${KEYSPACE.engineAuth.prefix}:${profileId}`);
}

/** Keys from users (idempotency keys) may hold any character; a hash keeps them safe for every driver. */
export function safeKey(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 40);
}

/** Removes the `base:` part from keys returned by `getKeys(base)`, whichever way the driver reports them. */
export function stripBase(keys: string[], base: string): string[] {
  const prefix = `${base}:`;
  return keys.map((k) => (k.startsWith(prefix) ? k.slice(prefix.length) : k));
}

/**
 * Removes every key under `base` (all keys when omitted). Used instead of `storage.clear(base)`,
 * which some drivers (fs in unstorage 1.17) ignore for a sub-prefix.
 */
export async function clearPrefix(storage: Storage, base = ""): Promise<void> {
  const keys = await storage.getKeys(base);
  await Promise.all(keys.map((k) => storage.removeItem(k)));
}
