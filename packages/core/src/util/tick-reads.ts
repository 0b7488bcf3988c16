/**
 * Reads of one kind that many callers make in the same tick (one per inbound message, say): every key
 * asked for during a tick goes to one `read`, which answers one result per key, in order. A statement's
 * fixed cost is paid once per tick, not once per message. Keys asked for while a read runs go to the next.
 */
export class TickReads<K, R> {
  private pending: { key: K; resolve(value: R): void; reject(error: unknown): void }[] = [];

  constructor(private readonly read: (keys: K[]) => Promise<R[]>) {}

  get(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      // After this tick's microtasks, so callers awaiting the same event join one read.
      if (this.pending.push({ key, resolve, reject }) === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const results = await this.read(batch.map((b) => b.key));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }
}
