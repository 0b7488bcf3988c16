import type { Storage } from "unstorage";
import { WINDOW_MS } from "./window.js";

/** Meta retries an undelivered webhook for up to 7 days: a wamid seen longer ago cannot come back. */
export const SEEN_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Drops the per-customer state that has outlived its rule: dedupe marks older than Meta's retry period
 * and windows closed for good (a new customer message writes a fresh one). Both kept a key per wamid or
 * customer forever. BSUID ↔ phone links stay: they are identity, one per customer, not expiring state.
 * Resolves with how many keys went.
 */
export async function pruneExpired(storage: Storage, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const [prefix, keepMs] of [
    ["cloud:seen:", SEEN_MS],
    ["cloud:window:", WINDOW_MS],
  ] as const) {
    for (const key of await storage.getKeys(prefix)) {
      const at = await storage.getItem<number>(key);
      if (typeof at === "number" && now - at < keepMs) continue;
      await storage.removeItem(key);
      removed++;
    }
  }
  return removed;
}
