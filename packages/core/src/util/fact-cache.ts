/**
 * Remembers facts that never change while their subject exists (a profile's workspace, a workspace's
 * organization), so the per-request authorization does not read them again. Only found values are kept,
 * and only for `ttlMs`: a subject deleted on another node stops resolving here within that time, and
 * authorization stays exact meanwhile, because the fact itself was true. Bounded: the oldest goes first.
 */
export class FactCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly max = 10_000,
  ) {}

  async get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    if (value === undefined) this.entries.delete(key);
    else {
      this.entries.delete(key);
      this.entries.set(key, { value, until: Date.now() + this.ttlMs });
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  /** Forgets a subject deleted on this node at once. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
