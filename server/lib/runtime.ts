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
  type MultiWAOptions,
  type RetentionOptions,
  type TakeoverLoop,
} from "@multiwa/core";
import { bootstrapAccess } from "./bootstrap.js";
import { useConfig } from "./config/config.js";
import type { ServerConfig } from "./config/schema.js";
import { closeDemo, startDemo } from "./demo/state.js";
import { wireDemo } from "./demo/wire.js";
import { loadEngines } from "./engines.js";
import { engineLogger, useLogger } from "./logging/logger.js";
import { observeDelivery } from "./metrics/registry.js";

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
 * Where records and engines come from, with defaults that work on a fresh clone. Demo mode keeps its store
 * and database in memory (the simulated network forgets its phones on restart) and uses Baileys by default.
 */
export function gatewayConfig(config: ServerConfig = useConfig()): GatewayConfig {
  const demo = config.MULTIWA_DEMO;
  const defaultEngine = config.MULTIWA_DEFAULT_ENGINE ?? (demo ? "baileys" : undefined);
  return {
    storageUrl: config.MULTIWA_STORAGE ?? (demo ? "memory:" : "fs:.multiwa-data"),
    ...(config.MULTIWA_DATABASE || demo ? { databaseUrl: config.MULTIWA_DATABASE ?? "memory:" } : {}),
    // The mock engine (and its demo routes) is opt-in: MULTIWA_ENGINES=…,mock, or demo mode.
    engines: config.MULTIWA_ENGINES ?? (demo ? ["baileys", "mock"] : ["baileys", "wwebjs"]),
    ...(defaultEngine ? { defaultEngine } : {}),
  };
}

/** The process-wide library instance, created once (the start-up plugin awaits it, so sessions restore before traffic). */
export function useMultiWA(): Promise<MultiWA> {
  instance ??= (async () => {
    const settings = useConfig();
    const config = gatewayConfig(settings);
    const demo = settings.MULTIWA_DEMO ? await startDemo() : undefined;
    const engines = await loadEngines(config.engines, demo?.world.engineOptions());
    // With a shared Redis store, nodes coordinate: each profile runs where its lease is held.
    const clustered = /^rediss?:\/\//.test(config.storageUrl);
    const prefix = settings.MULTIWA_STORAGE_PREFIX;
    const leaseTtlMs = settings.MULTIWA_LEASE_TTL_MS;
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
        allowPrivateTargets: privateTargets(settings.MULTIWA_WEBHOOK_ALLOW_PRIVATE),
        ...(demo ? { trustedUrls: [demo.inspector.prefix] } : {}),
      },
      webhooks: {
        maxAttempts: settings.MULTIWA_WEBHOOK_MAX_ATTEMPTS,
        retryBaseMs: settings.MULTIWA_WEBHOOK_RETRY_BASE_MS,
        ...(settings.MULTIWA_METRICS ? { onAttempt: observeDelivery } : {}),
      },
      retention: retentionOf(settings),
      limitWindowMs: settings.MULTIWA_LIMIT_WINDOW_MS,
      ...mediaOf(settings),
      ...(bus ? { bus } : {}),
      ...(leases
        ? {
            leases,
            leaseTtlMs,
            forwardTimeoutMs: settings.MULTIWA_FORWARD_TIMEOUT_MS,
            ...(settings.MULTIWA_NODE_ID ? { nodeId: settings.MULTIWA_NODE_ID } : {}),
          }
        : {}),
    });
    if (redis) {
      // Each node keeps about its fair share of the profiles; a dead node's are taken over.
      const membership = redisMembership(redis, { nodeId: wa.nodeId, ttlMs: leaseTtlMs, prefix });
      const loop = startTakeoverLoop(wa, {
        intervalMs: settings.MULTIWA_TAKEOVER_MS,
        logger: engineLogger(useLogger().child({ component: "cluster" })),
        membership,
        orphanMs: leaseTtlMs,
      });
      cluster = { loop, membership, redis };
    }
    await bootstrapAccess(wa);
    if (demo) await wireDemo(wa, demo, String(settings.PORT));
    return wa;
  })();
  return instance;
}

/** `MULTIWA_RETENTION_*_DAYS`: a number of days, or `forever` (parsed to `false`: kept for ever). */
function retentionOf(config: ServerConfig): RetentionOptions {
  const kinds = {
    messages: config.MULTIWA_RETENTION_MESSAGES_DAYS,
    history: config.MULTIWA_RETENTION_HISTORY_DAYS,
    webhookDeliveries: config.MULTIWA_RETENTION_WEBHOOK_DELIVERIES_DAYS,
    audit: config.MULTIWA_RETENTION_AUDIT_DAYS,
    media: config.MULTIWA_RETENTION_MEDIA_DAYS,
    calls: config.MULTIWA_RETENTION_CALLS_DAYS,
  };
  return Object.fromEntries(Object.entries(kinds).filter(([, days]) => days !== undefined)) as RetentionOptions;
}

/** The MULTIWA_MEDIA_S3_ENDPOINT family: media in an S3-compatible bucket; the core names any missing part. */
function mediaOf(config: ServerConfig): Pick<MultiWAOptions, "media"> {
  const endpoint = config.MULTIWA_MEDIA_S3_ENDPOINT;
  if (!endpoint) return {};
  return {
    media: {
      s3: {
        endpoint,
        bucket: config.MULTIWA_MEDIA_S3_BUCKET ?? "",
        region: config.MULTIWA_MEDIA_S3_REGION,
        accessKeyId: config.MULTIWA_MEDIA_S3_ACCESS_KEY_ID ?? "",
        secretAccessKey: config.MULTIWA_MEDIA_S3_SECRET_ACCESS_KEY ?? "",
        urlTtlSeconds: config.MULTIWA_MEDIA_URL_TTL_SECONDS,
      },
    },
  };
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
