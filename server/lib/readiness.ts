import type { MultiWA } from "@multiwa/core";

export interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  /** storage, database, redis (clustered only) and engines (with the engines loaded and those missing). */
  checks: Record<string, Check & { loaded?: string[]; missing?: string[] }>;
}

const PROBE_TIMEOUT_MS = 2000;

/** Runs `probe` with a deadline: a dependency that hangs is as unready as one that refuses. */
async function check(probe: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)),
      ),
    ]);
    return { ok: true, ms: elapsed(started) };
  } catch (error) {
    return { ok: false, ms: elapsed(started), error: (error as Error).message.split("\n")[0]!.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;

/**
 * Whether this node can serve: the key-value store answers a read, the database a transaction, Redis a
 * PING when clustered, and at least one engine loaded (the configured ones that failed to load are listed).
 */
export async function readiness(
  wa: MultiWA,
  deps: { redis?: { ping(): Promise<unknown> }; configuredEngines: string[] },
): Promise<Readiness> {
  const loaded = Object.keys(wa.engines);
  const [storage, database, redis] = await Promise.all([
    check(() => wa.storage.hasItem("ready:probe")),
    check(() => wa.database.transaction(async () => undefined)),
    deps.redis ? check(() => deps.redis!.ping()) : undefined,
  ]);
  const missing = deps.configuredEngines.filter((e) => !loaded.includes(e));
  const engines = { ok: loaded.length > 0, ms: 0, loaded, ...(missing.length ? { missing } : {}) };
  const checks: Readiness["checks"] = { storage, database, ...(redis ? { redis } : {}), engines };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
