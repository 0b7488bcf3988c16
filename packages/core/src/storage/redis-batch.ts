import type { Driver } from "unstorage";

/** The ioredis methods the batching needs. */
interface PipelineClient {
  pipeline(): {
    mset(...args: string[]): unknown;
    mget(...keys: string[]): unknown;
    unlink(...keys: string[]): unknown;
    exec(): Promise<[Error | null, unknown][] | null>;
  };
}

type Request =
  | { kind: "set"; key: string; value: string }
  | { kind: "get"; key: string }
  | { kind: "del"; key: string };
type Op = Request & { done: Settle };
type Settle = { resolve(value: unknown): void; reject(error: unknown): void };

/**
 * Wraps unstorage's redis driver so that the reads and writes issued within one tick of the event loop
 * travel together: a run of writes becomes one MSET, of reads one MGET, of removals one UNLINK, all in
 * one pipeline round trip and in the order they were issued (a read after a write in the same tick
 * sees it). A message's record, queue item and history entry are written at nearly the same moment,
 * so under load this divides the commands per message several times. Each call still resolves only
 * once Redis has answered, so nothing is acknowledged before it is stored.
 */
export function batchRedisDriver(driver: Driver, base: string): Driver {
  return createBatched(driver, base);
}

function createBatched(driver: Driver, base: string): Driver {
  // The same key layout as the wrapped driver (unstorage's joinKeys).
  const prefixed = (key: string) => [base, key].map(normalizeKey).filter(Boolean).join(":");
  let queue: Op[] = [];
  let scheduled = false;

  const flush = async () => {
    const ops = queue;
    queue = [];
    scheduled = false;
    const runs: Op[][] = [];
    for (const op of ops) {
      const last = runs.at(-1);
      if (last && last[0]!.kind === op.kind) last.push(op);
      else runs.push([op]);
    }
    const pipeline = (driver.getInstance!() as PipelineClient).pipeline();
    for (const run of runs) {
      if (run[0]!.kind === "set")
        pipeline.mset(...run.flatMap((op) => (op.kind === "set" ? [prefixed(op.key), op.value] : [])));
      else if (run[0]!.kind === "get") pipeline.mget(...run.map((op) => prefixed(op.key)));
      else pipeline.unlink(...run.map((op) => prefixed(op.key)));
    }
    try {
      const results = (await pipeline.exec()) ?? [];
      runs.forEach((run, i) => {
        const [error, value] = results[i] ?? [new Error("no reply from Redis"), null];
        run.forEach((op, j) =>
          error
            ? op.done.reject(error)
            : op.done.resolve(op.kind === "get" ? ((value as (string | null)[])[j] ?? null) : undefined),
        );
      });
    } catch (error) {
      for (const op of ops) op.done.reject(error);
    }
  };

  const enqueue = <T>(op: Request): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ ...op, done: { resolve: resolve as (v: unknown) => void, reject } });
      if (!scheduled) ((scheduled = true), setImmediate(() => void flush()));
    });

  return {
    ...driver,
    name: driver.name ?? "redis",
    getItem: (key) => enqueue({ kind: "get", key }),
    async getItems(items) {
      const values = await Promise.all(items.map((item) => enqueue<string | null>({ kind: "get", key: item.key })));
      return items.map((item, i) => ({ key: item.key, value: values[i] ?? null }));
    },
    // Values with a TTL keep their own SET … EX.
    setItem: (key, value, options) =>
      options?.ttl || driver.options?.ttl ? driver.setItem!(key, value, options) : enqueue({ kind: "set", key, value }),
    async setItems(items, options) {
      await Promise.all(
        items.map((item) =>
          item.options?.ttl || options?.ttl
            ? driver.setItem!(item.key, item.value, { ...options, ...item.options })
            : enqueue({ kind: "set", key: item.key, value: item.value }),
        ),
      );
    },
    removeItem: (key) => enqueue({ kind: "del", key }),
  };
}

// --- Internal helpers ---

function normalizeKey(key: string): string {
  return key.replace(/[:/\\]/g, ":").replace(/^:|:$/g, "");
}
