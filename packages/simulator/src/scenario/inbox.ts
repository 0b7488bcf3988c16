interface Waiter<T> {
  filter: (item: T) => boolean;
  resolve: (item: T) => void;
}

/**
 * Items arriving over time, consumed in order by `next()`. An item not taken by a waiter
 * stays queued, so a test can send first and await afterwards without racing.
 */
export class Inbox<T> {
  /** Everything received, oldest first (the oldest are dropped beyond `limit`). */
  readonly all: T[] = [];
  #queue: T[] = [];
  #waiters: Waiter<T>[] = [];

  constructor(readonly limit = 10_000) {}

  push(item: T): void {
    this.all.push(item);
    if (this.all.length > this.limit) this.all.shift();
    const i = this.#waiters.findIndex((w) => w.filter(item));
    if (i >= 0) this.#waiters.splice(i, 1)[0]!.resolve(item);
    else this.#queue.push(item);
  }

  /** Next queued (or future) item matching `filter`; rejects after `timeoutMs`. */
  next(filter: (item: T) => boolean = () => true, timeoutMs = 10_000, what = "item"): Promise<T> {
    const i = this.#queue.findIndex(filter);
    if (i >= 0) return Promise.resolve(this.#queue.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter<T> = {
        filter,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`[multiwa-simulator] timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }
}
