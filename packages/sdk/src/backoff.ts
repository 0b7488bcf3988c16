/** Reconnect delays: exponential from `initialDelayMs` to `maxDelayMs`, with ±20% jitter. */
export interface BackoffOptions {
  /** @default 250 */
  initialDelayMs?: number;
  /** @default 10000 */
  maxDelayMs?: number;
}

export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = Math.min(options.maxDelayMs ?? 10_000, (options.initialDelayMs ?? 250) * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
