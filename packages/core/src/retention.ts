import type { EngineLogger } from "./engine/types.js";
import { MultiWAError } from "./errors.js";

/** How long each kind of hot-path record is kept, in days; `false` keeps it forever. */
export interface RetentionOptions {
  /**
   * Status records of sent (or failed) messages, and with them the memory of their idempotency keys:
   * a repeat of a key after this window sends again. Queued messages are never pruned. @default 30
   */
  messages?: number | false;
  /** Chat history (messages; chat summaries stay). @default false */
  history?: number | false;
  /** Delivered and dead webhook deliveries (pending ones are never pruned). @default 7 */
  webhookDeliveries?: number | false;
  /** Audit log entries. @default 180 */
  audit?: number | false;
  /** Call log entries (#20), by when the call rang. @default 90 */
  calls?: number | false;
  /** Media objects in the S3 bucket (`media.s3`), by their last-modified time. @default 30 */
  media?: number | false;
  /** How often old records are looked for. @default 600000 (10 minutes) */
  intervalMs?: number;
}

export interface Prunable {
  /** Deletes up to `limit` records older than `before` (ms); resolves with how many it deleted. */
  prune(before: number, limit: number): Promise<number>;
}

const DAY = 86_400_000;
const BATCH = 1000;

/**
 * Deletes expired hot-path records in the background: a batch of `BATCH` rows at a time, yielding to
 * the event loop between batches, so a large backlog never holds a transaction or the request path.
 */
export class Retention {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly kinds: { name: string; days: number | false; store: Prunable }[],
    private readonly logger: EngineLogger,
    private readonly intervalMs = 600_000,
    private readonly now: () => number = Date.now,
    /** Runs after each pass (the embedded database's vacuum), so the space of pruned rows is reused. */
    private readonly maintain?: () => Promise<void>,
  ) {}

  start(): void {
    if (this.timer || (!this.maintain && !this.kinds.some((k) => k.days !== false))) return;
    this.timer = setInterval(() => void this.run(), this.intervalMs);
    this.timer.unref?.();
  }

  /** Prunes every kind once; resolves with how many records were deleted. */
  run(): Promise<number> {
    this.running ??= this.prune().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  // --- Internal helpers ---

  private async prune(): Promise<number> {
    let total = 0;
    for (const { name, days, store } of this.kinds) {
      if (days === false) continue;
      const before = this.now() - days * DAY;
      try {
        for (;;) {
          const removed = await store.prune(before, BATCH);
          total += removed;
          if (removed < BATCH || this.stopped) break;
          await new Promise((r) => setImmediate(r));
        }
      } catch (error) {
        this.logger.warn(`retention: pruning ${name} failed`, error);
      }
    }
    if (this.maintain && !this.stopped)
      await this.maintain().catch((error: unknown) =>
        this.logger.warn("retention: database maintenance failed", error),
      );
    return total;
  }
}

/** The retention settings with their defaults, validated. */
export function resolveRetention(
  options: RetentionOptions = {},
): Required<Omit<RetentionOptions, "intervalMs">> & { intervalMs: number } {
  const days = (field: keyof Omit<RetentionOptions, "intervalMs">, fallback: number | false) => {
    const value = options[field] ?? fallback;
    if (value !== false && (typeof value !== "number" || !(value > 0))) {
      throw new MultiWAError(
        "VALIDATION_FAILED",
        `Expected \`retention.${field}\` to be a positive number of days or false, got \`${String(value)}\` (${typeof value})`,
        {
          details: { field: `retention.${field}`, value },
        },
      );
    }
    return value;
  };
  return {
    messages: days("messages", 30),
    history: days("history", false),
    webhookDeliveries: days("webhookDeliveries", 7),
    audit: days("audit", 180),
    media: days("media", 30),
    calls: days("calls", 90),
    intervalMs: options.intervalMs ?? 600_000,
  };
}
