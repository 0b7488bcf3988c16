import {
  createMultiWA,
  createStorageFromUrl,
  redisBus,
  redisLeases,
  redisMembership,
  startTakeoverLoop,
  type ClusterBus,
  type LeaseStore,
  type ClusterMembership,
  type MultiWA,
  type RetentionOptions,
  type TakeoverLoop,
} from "@multiwa/core";
import { bootstrapAccess } from "./bootstrap.js";
import { demoEnabled } from "./demo/mode.js";
import { closeDemo, startDemo } from "./demo/state.js";
import { wireDemo } from "./demo/wire.js";
import { loadEngines } from "./engines.js";
import { engineLogger, useLogger } from "./logging/logger.js";

let instance: Promise<MultiWA> | undefined;
let cluster: { loop: TakeoverLoop; membership: ClusterMembership; redis: import("ioredis").Redis } | undefined;

/** The cluster's Redis connection (leases, membership), when the store is Redis; /ready pings it. */
export function clusterRedis(): import("ioredis").Redis | undefined {
  return cluster?.redis;
}

export interface GatewayConfig {
  storageUrl: string;
  /** Records (SQL): PGlite in the data folder by default, `postgres://…` in production. */
  databaseUrl?: string;
  engines: string[];
  defaultEngine?: string;
}

/**
 * Settings from the environment, with defaults that work on a fresh clone. Demo mode keeps its store and
 * database in memory (the simulated network forgets its phones on restart) and uses Baileys by default.
 */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const demo = demoEnabled(env);
  const defaultEngine = env.MULTIWA_DEFAULT_ENGINE ?? (demo ? "baileys" : undefined);
  return {
    storageUrl: env.MULTIWA_STORAGE ?? (demo ? "memory:" : "fs:.multiwa-data"),
    ...(env.MULTIWA_DATABASE || demo ? { databaseUrl: env.MULTIWA_DATABASE ?? "memory:" } : {}),
    // The mock engine (and its demo routes) is opt-in: MULTIWA_ENGINES=…,mock, or demo mode.
    engines: (env.MULTIWA_ENGINES ?? (demo ? "baileys,mock" : "baileys,wwebjs"))
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean),
    ...(defaultEngine ? { defaultEngine } : {}),
  };
}

/** The process-wide library instance, created once (the start-up plugin awaits it, so sessions restore before traffic). */
export function useMultiWA(): Promise<MultiWA> {
  instance ??= (async () => {
    const config = gatewayConfig();
    const demo = demoEnabled() ? await startDemo() : undefined;
    const engines = await loadEngines(config.engines, demo?.world.engineOptions());
    // With a shared Redis store, nodes coordinate: each profile runs where its lease is held.
    const clustered = /^rediss?:\/\//.test(config.storageUrl);
    const prefix = process.env.MULTIWA_STORAGE_PREFIX ?? "multiwa";
    const leaseTtlMs = Number(process.env.MULTIWA_LEASE_TTL_MS ?? 30_000);
    let leases: LeaseStore | undefined;
    let bus: ClusterBus | undefined;
    let redis: import("ioredis").Redis | undefined;
    if (clustered) {
      const { default: Redis } = await import("ioredis");
      redis = new Redis(config.storageUrl);
      leases = redisLeases(redis, { prefix: `${prefix}:lease` });
      bus = redisBus(new Redis(config.storageUrl), new Redis(config.storageUrl), `${prefix}:bus`);
    }
    const wa = await createMultiWA({
      storage: await createStorageFromUrl(config.storageUrl, { prefix }),
      database: config.databaseUrl ?? defaultDatabaseUrl(config.storageUrl),
      engines,
      ...(config.defaultEngine ? { defaultEngine: config.defaultEngine } : {}),
      logger: engineLogger(useLogger()),
      // The demo's inspector is this gateway's own loopback route: trusted by exact URL prefix, not by opening private targets.
      outbound: {
        allowPrivateTargets: privateTargets(process.env.MULTIWA_WEBHOOK_ALLOW_PRIVATE),
        ...(demo ? { trustedUrls: [demo.inspector.prefix] } : {}),
      },
      retention: retentionFromEnv(process.env),
      ...(bus ? { bus } : {}),
      ...(leases
        ? {
            leases,
            leaseTtlMs,
            forwardTimeoutMs: Number(process.env.MULTIWA_FORWARD_TIMEOUT_MS ?? 15_000),
            ...(process.env.MULTIWA_NODE_ID ? { nodeId: process.env.MULTIWA_NODE_ID } : {}),
          }
        : {}),
    });
    if (redis) {
      // Each node keeps about its fair share of the profiles; a dead node's are taken over.
      const membership = redisMembership(redis, { nodeId: wa.nodeId, ttlMs: leaseTtlMs, prefix });
      const loop = startTakeoverLoop(wa, {
        intervalMs: Number(process.env.MULTIWA_TAKEOVER_MS ?? 5000),
        logger: engineLogger(useLogger().child({ component: "cluster" })),
        membership,
        orphanMs: leaseTtlMs,
      });
      cluster = { loop, membership, redis };
    }
    await bootstrapAccess(wa);
    if (demo) await wireDemo(wa, demo, process.env.PORT ?? process.env.NITRO_PORT ?? "3000");
    return wa;
  })();
  return instance;
}

/** `MULTIWA_RETENTION_{MESSAGES,HISTORY,WEBHOOK_DELIVERIES,AUDIT}_DAYS`: a number of days, or `forever`. */
export function retentionFromEnv(env: NodeJS.ProcessEnv): RetentionOptions {
  const kinds = {
    messages: "MESSAGES",
    history: "HISTORY",
    webhookDeliveries: "WEBHOOK_DELIVERIES",
    audit: "AUDIT",
  } as const;
  const out: RetentionOptions = {};
  for (const [field, name] of Object.entries(kinds) as [keyof typeof kinds, string][]) {
    const value = env[`MULTIWA_RETENTION_${name}_DAYS`];
    if (value !== undefined && value !== "") out[field] = value === "forever" ? false : Number(value);
  }
  return out;
}

/** Beside an fs store, PGlite in the same data folder; beside any other store, in `.multiwa-data`. */
export function defaultDatabaseUrl(storageUrl: string): string {
  const fsDir = storageUrl.startsWith("fs:") ? storageUrl.slice(3) : storageUrl.includes(":") ? undefined : storageUrl;
  return `pglite:${fsDir || ".multiwa-data"}/database`;
}

export async function closeMultiWA(): Promise<void> {
  const wa = await instance;
  instance = undefined;
  // Leaving first lets the other nodes rebalance at once instead of after the TTL.
  cluster?.loop.stop();
  await cluster?.membership.leave().catch(() => undefined);
  cluster = undefined;
  await wa?.close();
  await closeDemo();
}

/** `1`: every private target; a comma-separated list: only those addresses; unset: none. */
function privateTargets(value = ""): boolean | string[] {
  if (value === "1" || value === "true") return true;
  return value
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
}
