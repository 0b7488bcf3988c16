/**
 * Caps how many sessions of one engine are logging in at once. A gateway restart starts every
 * profile together; hundreds of simultaneous Noise handshakes and logins on a small machine
 * starve each other past Baileys' 20 s connect timeout, and the retries make it worse.
 */
export class ConnectSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves with a release function once a slot is free; release is idempotent. */
  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.active--;
    };
  }
}
