import type { RedisLike } from "./redis-leases.js";

/** Which nodes are alive, so each can keep about its fair share of the profiles. */
export interface ClusterMembership {
  /** Marks this node alive for another `ttlMs` and lists the live nodes (this one included). */
  beat(): Promise<string[]>;
  /** Leaves at once (a graceful stop), so the others rebalance without waiting for the TTL. */
  leave(): Promise<void>;
}

// One sorted set: member = node id, score = when its heartbeat expires (Redis clock, so node clocks may differ).
const BEAT = `
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call("ZADD", KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now)
return redis.call("ZRANGE", KEYS[1], 0, -1)`;
const LEAVE = `return redis.call("ZREM", KEYS[1], ARGV[1])`;

/** Heartbeats in Redis; a node that stops beating drops out after `ttlMs` (use the lease TTL). */
export function redisMembership(
  redis: RedisLike,
  options: { nodeId: string; ttlMs: number; prefix?: string },
): ClusterMembership {
  const key = `${options.prefix ?? "multiwa"}:nodes`;
  return {
    beat: async () => (await redis.eval(BEAT, 1, key, options.nodeId, options.ttlMs)) as string[],
    leave: async () => void (await redis.eval(LEAVE, 1, key, options.nodeId)),
  };
}
