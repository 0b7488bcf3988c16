import { createMultiWA, createStorageFromUrl, redisBus, redisLeases, startTakeoverLoop, type ClusterBus, type LeaseStore, type MultiWA } from "@multiwa/core";
import { bootstrapAccess } from "./bootstrap.js";
import { loadEngines } from "./engines.js";

let instance: Promise<MultiWA> | undefined;

export interface GatewayConfig {
  storageUrl: string;
  engines: string[];
  defaultEngine?: string;
}

/** Settings from the environment, with defaults that work on a fresh clone. */
export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    storageUrl: env.MULTIWA_STORAGE ?? "fs:.multiwa-data",
    engines: (env.MULTIWA_ENGINES ?? "baileys,wwebjs,mock").split(",").map((e) => e.trim()).filter(Boolean),
    ...(env.MULTIWA_DEFAULT_ENGINE ? { defaultEngine: env.MULTIWA_DEFAULT_ENGINE } : {}),
  };
}

/** The process-wide library instance, created once (the start-up plugin awaits it, so sessions restore before traffic). */
export function useMultiWA(): Promise<MultiWA> {
  instance ??= (async () => {
    const config = gatewayConfig();
    const engines = await loadEngines(config.engines);
    // With a shared Redis store, nodes coordinate: each profile runs where its lease is held.
    const clustered = /^rediss?:\/\//.test(config.storageUrl);
    const prefix = process.env.MULTIWA_STORAGE_PREFIX ?? "multiwa";
    let leases: LeaseStore | undefined;
    let bus: ClusterBus | undefined;
    if (clustered) {
      const { default: Redis } = await import("ioredis");
      leases = redisLeases(new Redis(config.storageUrl), { prefix: `${prefix}:lease` });
      bus = redisBus(new Redis(config.storageUrl), new Redis(config.storageUrl), `${prefix}:bus`);
    }
    const wa = await createMultiWA({
      storage: await createStorageFromUrl(config.storageUrl, { prefix }),
      engines,
      ...(config.defaultEngine ? { defaultEngine: config.defaultEngine } : {}),
      logger: consoleLogger,
      webhooks: { allowPrivateTargets: process.env.MULTIWA_WEBHOOK_ALLOW_PRIVATE === "1" },
      ...(bus ? { bus } : {}),
      ...(leases ? { leases, leaseTtlMs: Number(process.env.MULTIWA_LEASE_TTL_MS ?? 30_000), forwardTimeoutMs: Number(process.env.MULTIWA_FORWARD_TIMEOUT_MS ?? 15_000), ...(process.env.MULTIWA_NODE_ID ? { nodeId: process.env.MULTIWA_NODE_ID } : {}) } : {}),
    });
    if (clustered) startTakeoverLoop(wa, { intervalMs: Number(process.env.MULTIWA_TAKEOVER_MS ?? 5000), logger: consoleLogger });
    await bootstrapAccess(wa);
    return wa;
  })();
  return instance;
}

export async function closeMultiWA(): Promise<void> {
  const wa = await instance;
  instance = undefined;
  await wa?.close();
}

const consoleLogger = {
  debug: () => {},
  info: (m: string, d?: unknown) => console.info(`[multiwa] ${m}`, d ?? ""),
  warn: (m: string, d?: unknown) => console.warn(`[multiwa] ${m}`, d ?? ""),
  error: (m: string, d?: unknown) => console.error(`[multiwa] ${m}`, d ?? ""),
};
