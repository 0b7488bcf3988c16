import { createHash } from "node:crypto";
import type { Storage } from "unstorage";

/** Keys from users (idempotency keys) may hold any character; a hash keeps them safe for every driver. */
export function safeKey(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 40);
}

/** A storage-safe workspace segment: plain ids as they are, anything else hashed. */
export function segment(workspaceId: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(workspaceId) ? workspaceId : safeKey(workspaceId);
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
