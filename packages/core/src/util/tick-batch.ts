import type { Database, Db } from "../db/types.js";

type Work<T> = (tx: Db) => Promise<T>;

interface Queued {
  work: Work<unknown>;
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

  constructor(private readonly database: Database) {}

  /** Queues `work` for this tick's transaction; resolves with its result once committed. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.running) await (this.running ?? new Promise((r) => setImmediate(r)));
  }

  // --- Internal helpers ---

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    // After the microtasks of this tick: awaits chained off the current event join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async drain(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const results: unknown[] = [];
    try {
      await this.database.transaction(async (tx) => {
        results.length = 0;
        for (const item of batch) results.push(await item.work(tx));
      });
      batch.forEach((item, i) => item.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const item of batch) await this.alone(item);
    }
  }

  private async alone(item: Queued): Promise<void> {
    try {
      item.resolve(await this.database.transaction((tx) => item.work(tx)));
    } catch (error) {
      item.reject(error);
    }
  }
}
