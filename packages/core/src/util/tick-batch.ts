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

  constructor(private readonly database: Database) {}

  /** Queues `work` for this tick's transaction; resolves with its result once committed. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Queues `input` for `group`'s one flush in this tick's transaction; resolves with its result once committed. */
  add<I, R>(group: Coalesced<I, R>, input: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        group: group as Coalesced<unknown, unknown>,
        input,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
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
