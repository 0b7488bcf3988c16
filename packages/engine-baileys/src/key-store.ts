import type { Storage } from "unstorage";

/** Values (and misses) kept per session. Enough for the Signal sessions of a busy account's active chats. */
const CACHED_KEYS = 5_000;
/** How long a deferred batch that failed waits before it is stored again. */
const RETRY_MS = 1_000;

export interface KeyStoreOptions {
  /** Values and misses kept in the read cache. @default 5000 */
  cacheSize?: number;
  /** How long a deferred write may wait so later writes of the same key replace it; 0 writes at once. @default 0 */
  windowMs?: number;
  /** Where a deferred batch's failure goes (nobody awaits it); the batch is retried after the window. */
  onError?: (error: unknown) => void;
}

/**
 * A key-value store over one session's unstorage namespace. Only the node holding the profile's lease
 * writes it, so reads are cached, misses included: Baileys asks for keys that do not exist (tctokens,
 * LID mappings) on every send. Writes are coalesced: a key with a write in flight stores only its newest
 * queued value next, and every key queued while a batch is being stored goes out in the next one batch
 * (`setItems`), so a burst of Signal updates costs a few round trips, not one per key.
 *
 * A deferred write (`{ defer: true }`) resolves at once and is stored at the end of a window of
 * `windowMs` with every write deferred meanwhile: a Signal session rewritten on every message to one
 * chat is stored once per window. Any other write goes out at once (deferred ones wait for their window)
 * and resolves when stored; `flush` stores everything.
 */
export class SerialKeyStore {
  /** Awaited values waiting for the next batch (`null` deletes). */
  private pending = new Map<string, string | null>();
  /** Deferred values waiting for the window's batch. */
  private deferred = new Map<string, string | null>();
  /** The batch being stored now, so reads never see the older stored value. */
  private writing = new Map<string, string | null>();
  private readonly cache = new Map<string, string | null>();
  /** Reads in flight; a write to the key drops its entry so the read's (older) result is not cached. */
  private readonly reading = new Map<string, Promise<string | undefined>>();
  private running?: Promise<void>;
  private timer?: ReturnType<typeof setTimeout>;
  /** The window ended (or a flush asked): the next batch takes the deferred writes too. */
  private due = false;
  private discarded = false;
  private readonly cacheSize: number;
  private readonly windowMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(
    private readonly storage: Storage,
    options: KeyStoreOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? CACHED_KEYS;
    this.windowMs = options.windowMs ?? 0;
    this.onError = options.onError ?? (() => {});
  }

  /** Reads a value, seeing writes that are queued but not yet stored. */
  read(key: string): Promise<string | undefined> | string | undefined {
    if (this.pending.has(key)) return this.pending.get(key) ?? undefined;
    if (this.deferred.has(key)) return this.deferred.get(key) ?? undefined;
    if (this.writing.has(key)) return this.writing.get(key) ?? undefined;
    const cached = this.cache.get(key);
    if (cached !== undefined) return (this.touch(key, cached), cached ?? undefined);
    return this.reading.get(key) ?? this.load(key);
  }

  /**
   * Queues writes (`null` deletes). Resolves once every one of them is stored, or at once when `defer`
   * is set and there is a window: then they are stored at its end.
   */
  write(entries: Iterable<[string, string | null]>, options?: { defer?: boolean }): Promise<void> {
    if (this.discarded) return Promise.resolve();
    const defer = options?.defer === true && this.windowMs > 0;
    for (const [key, value] of entries) {
      // A key somebody awaits stays awaited with its newest value; an awaited write replaces a deferred one.
      if (defer && !this.pending.has(key)) this.deferred.set(key, value);
      else (this.pending.set(key, value), this.deferred.delete(key));
      this.reading.delete(key);
      this.touch(key, value);
    }
    if (defer) {
      this.schedule();
      return Promise.resolve();
    }
    // Keys queued while a batch is stored wait for it, then go out together in the next one.
    this.running ??= this.drain();
    return this.running;
  }

  /** Stores everything queued (deferred writes too) and resolves once nothing is queued or in flight. */
  async flush(): Promise<void> {
    if (!this.discarded && this.deferred.size > 0) {
      this.cancelTimer();
      this.due = true;
      this.running ??= this.drain();
    }
    while (this.running) await this.running;
  }

  /** Drops queued writes and ignores later ones: the credentials are void (logout). */
  discard(): void {
    this.discarded = true;
    this.cancelTimer();
    this.pending.clear();
    this.deferred.clear();
    this.cache.clear();
  }

  // --- Internal helpers ---

  private load(key: string): Promise<string | undefined> {
    const read = this.storage.getItem(key).then((raw) => {
      // unstorage parses JSON-looking strings on read; hand back text either way.
      const text = raw === null || raw === undefined ? null : typeof raw === "string" ? raw : JSON.stringify(raw);
      if (this.reading.get(key) === read) (this.reading.delete(key), this.touch(key, text));
      return text ?? undefined;
    });
    this.reading.set(key, read);
    return read;
  }

  /** Most recently used last; the oldest entry goes once the cache is full. */
  private touch(key: string, value: string | null): void {
    this.cache.delete(key);
    this.cache.set(key, value);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Starts the window for deferred writes unless it runs already. */
  private schedule(delayMs = this.windowMs): void {
    if (this.timer || this.discarded) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.due = true;
      if (this.running) return; // the batch under way takes them next
      // Nobody awaits a deferred batch: its failure is reported here, and it stays queued for a retry.
      this.running = this.drain();
      this.running.catch(this.onError);
    }, delayMs);
    this.timer.unref?.();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stores the awaited writes, and the deferred ones once due, until none are left; one batch at a time. */
  private async drain(): Promise<void> {
    // One tick's writes join the batch before it goes out.
    await Promise.resolve();
    let failed = false;
    try {
      while (this.pending.size > 0 || (this.due && this.deferred.size > 0)) {
        this.writing = this.pending;
        this.pending = new Map();
        if (this.due) {
          for (const [key, value] of this.deferred) if (!this.writing.has(key)) this.writing.set(key, value);
          this.deferred = new Map();
          this.due = false;
        }
        const sets = [...this.writing].filter(([, v]) => v !== null).map(([key, value]) => ({ key, value }));
        const removals = [...this.writing].filter(([, v]) => v === null).map(([key]) => key);
        try {
          await Promise.all([
            sets.length ? this.storage.setItems(sets) : undefined,
            ...removals.map((key) => this.storage.removeItem(key)),
          ]);
        } catch (error) {
          failed = true;
          // With a window nobody may retry a deferred write: keep what failed queued as deferred (unless
          // written again since), so reads still see it and a later batch stores it. Without, the caller
          // (Baileys) retries.
          if (this.windowMs > 0 && !this.discarded)
            for (const [key, value] of this.writing)
              if (!this.pending.has(key) && !this.deferred.has(key)) this.deferred.set(key, value);
          throw error;
        }
      }
    } finally {
      this.writing = new Map();
      this.running = undefined;
      this.due = false;
      if (this.deferred.size > 0) this.schedule(failed ? Math.max(this.windowMs, RETRY_MS) : this.windowMs);
    }
  }
}
