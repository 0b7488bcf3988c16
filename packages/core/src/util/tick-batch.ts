import type { Database, Db } from "../db/types.js";

type Work<T> = (tx: Db) => Promise<T>;

/**
 * Writes of one kind that a tick carries many of (status changes, outbox rows): all of a tick's inputs
 * go to one `flush`, which writes them with as few statements as it can and answers one result per
 * input, in order. A statement's fixed cost (parse, plan, round trip) is paid once per tick, not per message.
 */
export interface Coalesced<I, R> {
  flush(tx: Db, inputs: I[]): Promise<R[]>;
}

/** A write nobody waits on to answer a caller (a `sent` status, a receipt, a history entry). */
export interface BatchOptions {
  /**
   * Lets the write wait up to the batch's window for company instead of committing at the end of this
   * tick. A write without it (an accept, which a 202 answers only once durable) still commits at the
   * end of its tick and takes every deferred write queued so far with it.
   */
  defer?: boolean;
}

export interface TickBatchOptions {
  /** How long a deferred write may wait, in ms (0: end of tick, as any other write). Default 0. */
  windowMs?: number;
  /** A window ends early once this many writes are queued. Default 256. */
  maxQueued?: number;
}

interface Queued {
  work?: Work<unknown>;
  group?: Coalesced<unknown, unknown>;
  input?: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * One transaction per event-loop tick for the hot path: every write queued during a tick (a send's
 * record, a sent message's status, history entry, chat summary, webhook deliveries…) runs in one
 * transaction at the end of the tick, and each caller's promise settles when it commits. Writes
 * queued while a transaction runs go into the next one, so under load a transaction carries many
 * messages. A failing write fails its batch; the writes are then retried one transaction each, so one
 * bad write never takes the others with it.
 */
export class TickBatch {
  private queue: Queued[] = [];
  private scheduled = false;
  private running?: Promise<void>;
  /** Something queued must commit at the end of this tick (not only deferred writes). */
  private urgent = false;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly windowMs: number;
  private readonly maxQueued: number;

  constructor(
    private readonly database: Database,
    options: TickBatchOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 0;
    this.maxQueued = options.maxQueued ?? 256;
  }

  /** Queues `work` for this tick's transaction; resolves with its result once committed. */
  run<T>(work: Work<T>, options?: BatchOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule(options?.defer);
    });
  }

  /** Queues `input` for `group`'s one flush in this tick's transaction; resolves with its result once committed. */
  add<I, R>(group: Coalesced<I, R>, input: I, options?: BatchOptions): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        group: group as Coalesced<unknown, unknown>,
        input,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.schedule(options?.defer);
    });
  }

  /** Resolves once everything queued so far is committed (or failed); a pending window ends now. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.running) {
      if (this.queue.length > 0 && !this.running) this.schedule(false);
      await (this.running ?? new Promise((r) => setImmediate(r)));
    }
  }

  // --- Internal helpers ---

  private schedule(deferred = false): void {
    if (!deferred || this.windowMs <= 0 || this.queue.length >= this.maxQueued) this.urgent = true;
    if (this.running) return;
    if (this.urgent && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.scheduled || this.timer) return;
    if (!this.urgent) {
      // Only writes nobody waits on to answer: give others up to the window to join them.
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule(false);
      }, this.windowMs);
      return;
    }
    this.scheduled = true;
    // After the microtasks of this tick: awaits chained off the current event join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.urgent = false;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.schedule(!this.urgent);
      });
    });
  }

  private async drain(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const results = new Map<Queued, unknown>();
    try {
      await this.database.transaction(async (tx) => {
        results.clear();
        for (const step of steps(batch)) {
          if (!Array.isArray(step)) results.set(step, await step.work!(tx));
          else {
            const answers = await step[0]!.group!.flush(
              tx,
              step.map((item) => item.input),
            );
            step.forEach((item, i) => results.set(item, answers[i]));
          }
        }
      });
      for (const item of batch) item.resolve(results.get(item));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const item of batch) await this.alone(item);
    }
  }

  private async alone(item: Queued): Promise<void> {
    try {
      item.resolve(
        await this.database.transaction(async (tx) =>
          item.work ? item.work(tx) : (await item.group!.flush(tx, [item.input]))[0],
        ),
      );
    } catch (error) {
      item.reject(error);
    }
  }
}

/** A tick's work in order; each group's inputs run together, where the group's first input was queued. */
function steps(batch: Queued[]): (Queued | Queued[])[] {
  const out: (Queued | Queued[])[] = [];
  const groups = new Map<Coalesced<unknown, unknown>, Queued[]>();
  for (const item of batch) {
    if (!item.group) {
      out.push(item);
      continue;
    }
    const inputs = groups.get(item.group);
    if (inputs) inputs.push(item);
    else {
      const fresh = [item];
      groups.set(item.group, fresh);
      out.push(fresh);
    }
  }
  return out;
}
