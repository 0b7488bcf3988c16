import type { LeaseStore } from "../session/lease.js";

/** The few ioredis methods leases need, so any compatible client works. */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

// Each script runs atomically in Redis: no other client can act between the check and the write.
const ACQUIRE = `
local current = redis.call("GET", KEYS[1])
if current == false or current == ARGV[1] then
  redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[2])
  if current == false then return redis.call("INCR", KEYS[2]) end
  return tonumber(redis.call("GET", KEYS[2]) or "0")
end
return 0`;
const RENEW = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;
const HOLDER = `return redis.call("GET", KEYS[1])`;

export interface RedisLeaseStore extends LeaseStore {
  /** The fencing token of the last acquisition by this process: it grows with every new owner. */
  token(key: string): number | undefined;
}

/**
 * Leases in Redis: each profile's session runs on exactly one node. A lease expires unless its
 * owner renews it, so a dead node's profiles become free after at most one TTL.
 */
export function redisLeases(redis: RedisLike, options: { prefix?: string } = {}): RedisLeaseStore {
  const prefix = options.prefix ?? "multiwa:lease";
  const tokens = new Map<string, number>();
  return {
    async acquire(key, owner, ttlMs) {
      const token = Number(await redis.eval(ACQUIRE, 2, `${prefix}:${key}`, `${prefix}:${key}:fence`, owner, ttlMs));
      if (token > 0) tokens.set(key, token);
      return token > 0;
    },
    async renew(key, owner, ttlMs) {
      return Number(await redis.eval(RENEW, 1, `${prefix}:${key}`, owner, ttlMs)) === 1;
    },
    async release(key, owner) {
      await redis.eval(RELEASE, 1, `${prefix}:${key}`, owner);
      tokens.delete(key);
    },
    async holder(key) {
      return ((await redis.eval(HOLDER, 1, `${prefix}:${key}`)) as string | null) ?? undefined;
    },
    token: (key) => tokens.get(key),
  };
}
