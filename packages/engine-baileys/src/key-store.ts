import type { Storage } from "unstorage";

/** Values (and misses) kept per session. Enough for the Signal sessions of a busy account's active chats. */
const CACHED_KEYS = 5_000;

/**
 * A key-value store over one session's unstorage namespace. Only the node holding the profile's lease
 * writes it, so reads are cached, misses included: Baileys asks for keys that do not exist (tctokens,
 * LID mappings) on every send. Writes are coalesced: a key with a write in flight stores only its newest
 * queued value next, and every key queued while a batch is being stored goes out in the next one batch
 * (`setItems`), so a burst of Signal updates costs a few round trips, not one per key.
 */
export class SerialKeyStore {
  /** Values waiting for the next batch (`null` deletes). */
  private pending = new Map<string, string | null>();
  /** The batch being stored now, so reads never see the older stored value. */
  private writing = new Map<string, string | null>();
  private readonly cache = new Map<string, string | null>();
  /** Reads in flight; a write to the key drops its entry so the read's (older) result is not cached. */
  private readonly reading = new Map<string, Promise<string | undefined>>();
  private running?: Promise<void>;
  private discarded = false;

  constructor(
    private readonly storage: Storage,
    private readonly cacheSize = CACHED_KEYS,
  ) {}

  /** Reads a value, seeing writes that are queued but not yet stored. */
  read(key: string): Promise<string | undefined> | string | undefined {
    if (this.pending.has(key)) return this.pending.get(key) ?? undefined;
    if (this.writing.has(key)) return this.writing.get(key) ?? undefined;
    const cached = this.cache.get(key);
    if (cached !== undefined) return (this.touch(key, cached), cached ?? undefined);
    return this.reading.get(key) ?? this.load(key);
  }

  /** Queues writes (`null` deletes) and resolves once every one of them is stored. */
  write(entries: Iterable<[string, string | null]>): Promise<void> {
    if (this.discarded) return Promise.resolve();
    for (const [key, value] of entries) {
      this.pending.set(key, value);
      this.reading.delete(key);
      this.touch(key, value);
    }
    // Keys queued while a batch is stored wait for it, then go out together in the next one.
    this.running ??= this.drain();
    return this.running;
  }

  /** Resolves once nothing is queued or in flight. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Drops queued writes and ignores later ones: the credentials are void (logout). */
  discard(): void {
    this.discarded = true;
    this.pending.clear();
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

  private async drain(): Promise<void> {
    // One tick's writes join the batch before it goes out.
    await Promise.resolve();
    try {
      while (this.pending.size > 0) {
        this.writing = this.pending;
        this.pending = new Map();
        const sets = [...this.writing].filter(([, v]) => v !== null).map(([key, value]) => ({ key, value }));
        const removals = [...this.writing].filter(([, v]) => v === null).map(([key]) => key);
        await Promise.all([
          sets.length ? this.storage.setItems(sets) : undefined,
          ...removals.map((key) => this.storage.removeItem(key)),
        ]);
      }
    } finally {
      this.writing = new Map();
      this.running = undefined;
    }
  }
}
