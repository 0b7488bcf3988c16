/** The latest QR of a session as an async stream: each reader gets the current code, then every new one. */
export class QrFeed {
  private current?: string;
  private readers = new Set<(qr: string | undefined) => void>();

  get latest(): string | undefined {
    return this.current;
  }

  push(qr: string): void {
    this.current = qr;
    for (const reader of this.readers) reader(qr);
  }

  /** The QR is no longer valid (logged in or stopping); readers keep waiting for the next one. */
  clear(): void {
    this.current = undefined;
  }

  /** Ends every stream (the session stopped). */
  end(): void {
    this.current = undefined;
    for (const reader of this.readers) reader(undefined);
  }

  async *stream(signal?: AbortSignal): AsyncGenerator<string> {
    const pending: (string | undefined)[] = this.current ? [this.current] : [];
    let wake: (() => void) | undefined;
    const reader = (qr: string | undefined) => (pending.push(qr), wake?.());
    const onAbort = () => reader(undefined);
    this.readers.add(reader);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      for (;;) {
        if (!pending.length) await new Promise<void>((resolve) => (wake = resolve));
        const next = pending.shift();
        if (next === undefined) return;
        yield next;
      }
    } finally {
      this.readers.delete(reader);
      signal?.removeEventListener("abort", onAbort);
    }
  }
}
