/**
 * Who runs a profile's connection. A WhatsApp session must live on exactly one node; with one
 * process the local store always grants, and a shared store (Redis) makes nodes take turns.
 */
export interface LeaseStore {
  /** Takes the lease if it is free or already ours; false when another owner holds it. */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends our lease; false when it was lost (expired and taken). */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  release(key: string, owner: string): Promise<void>;
  /** Who holds the lease now (undefined when free), so calls can be sent to the owning node. */
  holder?(key: string): Promise<string | undefined>;
}

/** In-process leases with expiry, for a single gateway process. */
export function localLeases(now: () => number = Date.now): LeaseStore {
  const held = new Map<string, { owner: string; until: number }>();
  const free = (key: string, owner: string) => {
    const lease = held.get(key);
    return !lease || lease.owner === owner || lease.until <= now();
  };
  return {
    async acquire(key, owner, ttlMs) {
      if (!free(key, owner)) return false;
      held.set(key, { owner, until: now() + ttlMs });
      return true;
    },
    async renew(key, owner, ttlMs) {
      const lease = held.get(key);
      if (!lease || lease.owner !== owner) return false;
      lease.until = now() + ttlMs;
      return true;
    },
    async release(key, owner) {
      if (held.get(key)?.owner === owner) held.delete(key);
    },
    async holder(key) {
      const lease = held.get(key);
      return lease && lease.until > now() ? lease.owner : undefined;
    },
  };
}
