import type { Storage } from "unstorage";

/**
 * A key-value store over an unstorage namespace where each key has at most one write in flight,
 * and writes queued behind it collapse into the newest value. Baileys updates the same Signal
 * session many times in a burst; this keeps disk/Redis traffic at one write per key per round
 * trip and makes the last value win, whatever order the driver completes in.
 */
export class SerialKeyStore {
  private readonly pending = new Map<string, string | null>();
  /** The value each key's in-flight write is storing, so reads never see the older stored one. */
  private readonly writing = new Map<string, string | null>();
  private readonly running = new Map<string, Promise<void>>();
  private discarded = false;

  constructor(private readonly storage: Storage) {}

  /** Reads a value, seeing writes that are queued but not yet stored. */
  async read(key: string): Promise<string | undefined> {
    if (this.pending.has(key)) return this.pending.get(key) ?? undefined;
    if (this.writing.has(key)) return this.writing.get(key) ?? undefined;
    const raw = await this.storage.getItem(key);
    if (raw === null || raw === undefined) return undefined;
    // unstorage parses JSON-looking strings on read; hand back text either way.
    return typeof raw === "string" ? raw : JSON.stringify(raw);
  }

  /** Queues writes (`null` deletes) and resolves once every one of them is stored. */
  write(entries: Iterable<[string, string | null]>): Promise<void> {
    if (this.discarded) return Promise.resolve();
    const waits: Promise<void>[] = [];
    for (const [key, value] of entries) {
      this.pending.set(key, value);
      waits.push(this.running.get(key) ?? this.drain(key));
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** Resolves once nothing is queued or in flight. */
  async flush(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values());
  }

  /** Drops queued writes and ignores later ones: the credentials are void (logout). */
  discard(): void {
    this.discarded = true;
    this.pending.clear();
  }

  // --- Internal helpers ---

  private drain(key: string): Promise<void> {
    const run = (async () => {
      try {
        while (this.pending.has(key)) {
          const value = this.pending.get(key)!;
          this.pending.delete(key);
          this.writing.set(key, value);
          if (value === null) await this.storage.removeItem(key);
          else await this.storage.setItem(key, value);
        }
      } finally {
        this.writing.delete(key);
        this.running.delete(key);
      }
    })();
    this.running.set(key, run);
    return run;
  }
}
