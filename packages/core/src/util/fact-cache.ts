/**
 * Remembers facts that never change while their subject exists (a profile's workspace, a workspace's
 * organization), so the per-request authorization does not read them again. Only found values are kept,
 * and only for `ttlMs`: a subject deleted on another node stops resolving here within that time, and
 * authorization stays exact meanwhile, because the fact itself was true. Bounded: the oldest goes first.
 */
export class FactCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  /** Loads in flight: callers missing the same key at once share one read (a burst of inbound messages). */
  private readonly loading = new Map<string, Promise<V | undefined>>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly max = 10_000,
  ) {}

  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return Promise.resolve(hit.value);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const loaded = load().then(
      (value) => {
        // Forgotten while loading: answer this caller, remember nothing.
        if (this.loading.get(key) !== loaded) return value;
        this.loading.delete(key);
        this.entries.delete(key);
        if (value === undefined) return value;
        this.entries.set(key, { value, until: Date.now() + this.ttlMs });
        if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
        return value;
      },
      (error: unknown) => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }

  /** Forgets a subject deleted on this node at once. */
  forget(key: string): void {
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }
}
