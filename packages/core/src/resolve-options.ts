import { randomBytes } from "node:crypto";
import type { EngineLogger } from "./engine/types.js";
import { MultiWAError } from "./errors.js";
import { DEFAULT_LIMIT_WINDOW_MS } from "./limits/limits.js";
import type { MultiWAOptions } from "./options.js";
import { resolveRetention } from "./retention.js";
import { engineNotFound } from "./session/local-host.js";
import { localLeases, type LeaseStore } from "./session/lease.js";

/** Every option the library reads, with its default filled in and checked once, before anything opens. */
export type ResolvedOptions = MultiWAOptions & {
  logger: EngineLogger;
  nodeId: string;
  leases: LeaseStore;
  /** Leases came from the caller: other nodes share this database, and their claims (webhook deliveries) stand. */
  sharedLeases: boolean;
  leaseTtlMs: number;
  limitWindowMs: number;
  forwardTimeoutMs: number;
  restore: boolean;
  keep: ReturnType<typeof resolveRetention>;
  lookups: { cacheMs: number; perMinute: number; pictureCacheMs: number };
};

const silentLogger: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

export function resolveOptions(options: MultiWAOptions): ResolvedOptions {
  if (!options?.engines || Object.keys(options.engines).length === 0) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      "Expected `engines` to name at least one engine, e.g. `{ mock: mockEngine() }`",
      { details: { field: "engines" } },
    );
  }
  if (options.defaultEngine && !options.engines[options.defaultEngine]) throw engineNotFound(options.defaultEngine);
  const directory = options.directory ?? {};
  return {
    ...options,
    logger: options.logger ?? silentLogger,
    nodeId: options.nodeId ?? `node-${randomBytes(4).toString("hex")}`,
    leases: options.leases ?? localLeases(),
    sharedLeases: options.leases !== undefined,
    leaseTtlMs: positive("leaseTtlMs", options.leaseTtlMs ?? 30_000),
    limitWindowMs: positive("limitWindowMs", options.limitWindowMs ?? DEFAULT_LIMIT_WINDOW_MS),
    forwardTimeoutMs: positive("forwardTimeoutMs", options.forwardTimeoutMs ?? 15_000),
    restore: options.restore !== false,
    keep: resolveRetention(options.retention),
    lookups: {
      cacheMs: positive("directory.numberCheckCacheDays", directory.numberCheckCacheDays ?? 7, true) * 86_400_000,
      perMinute: positive("directory.numberChecksPerMinute", directory.numberChecksPerMinute ?? 60),
      pictureCacheMs: positive("directory.pictureCacheMinutes", directory.pictureCacheMinutes ?? 60, true) * 60_000,
    },
  };
}

function positive(field: string, value: number, zeroAllowed = false): number {
  if (typeof value === "number" && Number.isFinite(value) && (value > 0 || (zeroAllowed && value === 0))) return value;
  throw new MultiWAError(
    "VALIDATION_FAILED",
    `Expected \`${field}\` to be a ${zeroAllowed ? "non-negative" : "positive"} number, got \`${String(value)}\` (${typeof value})`,
    { details: { field, value } },
  );
}
