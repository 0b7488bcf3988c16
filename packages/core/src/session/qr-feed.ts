import { pushStream } from "../util/push-stream.js";

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

  stream(signal?: AbortSignal): AsyncGenerator<string> {
    return pushStream<string>(
      (push) => {
        this.readers.add(push);
        return () => this.readers.delete(push);
      },
      () => (this.current ? [this.current] : []),
      signal,
    );
  }
}
