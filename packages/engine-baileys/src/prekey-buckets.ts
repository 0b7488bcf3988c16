import type { SerialKeyStore } from "./key-store.js";

export interface Codec {
  encode(value: unknown): string;
  decode<T>(text: string | undefined): T | undefined;
}

/**
 * Pre-keys stored `size` to an item instead of one item each. Baileys creates 812 of them at the
 * first login and only ever reads or deletes a few later; one file (or Redis key) per pre-key made
 * a login cost ~800 writes. Each bucket is read-modify-written under a per-bucket lock; the write is
 * queued before the lock is released, and reads see queued values, so concurrent updates never
 * lose each other.
 */
export class PreKeyBuckets {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: SerialKeyStore,
    private readonly codec: Codec,
    private readonly size = 128,
  ) {}

  async get(ids: string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    await Promise.all(
      [...this.group(ids)].map(async ([key, members]) => {
        const bucket = await this.read(key);
        for (const id of members) if (bucket[`k${id}`] != null) out[id] = bucket[`k${id}`];
      }),
    );
    return out;
  }

  async set(entries: [id: string, value: unknown][]): Promise<void> {
    const values = new Map(entries);
    const stored = [...this.group(entries.map(([id]) => id))].map(([key, members]) =>
      this.locked(key, async () => {
        const bucket = await this.read(key);
        for (const id of members) {
          const value = values.get(id);
          if (value) bucket[`k${id}`] = value;
          else delete bucket[`k${id}`];
        }
        // Queued now (reads see it at once); stored when the returned promise settles.
        return { done: this.store.write([[key, Object.keys(bucket).length ? this.codec.encode(bucket) : null]]) };
      }).then(({ done }) => done),
    );
    await Promise.all(stored);
  }

  // --- Internal helpers ---

  private group(ids: string[]): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const n = Number.parseInt(id, 10);
      const key = `pre-key:b${Number.isNaN(n) ? id : Math.floor(n / this.size)}`;
      groups.set(key, [...(groups.get(key) ?? []), id]);
    }
    return groups;
  }

  private async read(key: string): Promise<Record<string, unknown>> {
    return this.codec.decode<Record<string, unknown>>(await this.store.read(key)) ?? {};
  }

  private locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(key) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => {});
    this.locks.set(key, tail);
    void tail.then(() => this.locks.get(key) === tail && this.locks.delete(key));
    return run;
  }
}
