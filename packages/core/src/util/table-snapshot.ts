/**
 * A small table held in memory for reads on every event (webhook subscriptions, event transports).
 * It is not the only writer's copy: each write, here or on another node (over the cluster bus),
 * calls `invalidate`, and the snapshot is re-read after `maxAgeMs` whatever happens, so a lost
 * invalidation costs seconds of staleness, never a wrong answer for good.
 */
export class TableSnapshot<V> {
  private snapshot?: Promise<Map<string, V>>;
  private loadedAt = 0;

  constructor(
    private readonly load: () => Promise<Map<string, V>>,
    private readonly maxAgeMs = 5_000,
  ) {}

  read(): Promise<Map<string, V>> {
    if (this.snapshot && Date.now() - this.loadedAt < this.maxAgeMs) return this.snapshot;
    this.loadedAt = Date.now();
    const load = this.load();
    this.snapshot = load;
    // A failed read is not kept: the next caller tries again.
    load.catch(() => this.snapshot === load && (this.snapshot = undefined));
    return load;
  }

  invalidate(): void {
    this.snapshot = undefined;
  }
}
