/**
 * Login throttling per account and per client address: after a few failures each further try waits
 * twice as long as the last (capped), and a throttled try is refused before any password hashing.
 */
export interface ThrottleOptions {
  /** Failures allowed before backoff starts. */
  free: number;
  baseMs: number;
  maxMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

const ACCOUNT: ThrottleOptions = { free: 5, baseMs: 1000, maxMs: 15 * 60_000, windowMs: 15 * 60_000 };
const ADDRESS: ThrottleOptions = { free: 20, baseMs: 1000, maxMs: 15 * 60_000, windowMs: 15 * 60_000 };
const MAX_TRACKED = 50_000;

interface Entry {
  failures: number;
  last: number;
  blockedUntil: number;
}

class Throttle {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly o: ThrottleOptions) {}

  /** Milliseconds the next try must wait (0: go ahead). */
  wait(id: string, now = Date.now()): number {
    const e = this.live(id, now);
    return e ? Math.max(0, e.blockedUntil - now) : 0;
  }

  fail(id: string, now = Date.now()): void {
    const e = this.live(id, now) ?? { failures: 0, last: now, blockedUntil: 0 };
    e.failures += 1;
    e.last = now;
    const over = e.failures - this.o.free;
    if (over >= 0) e.blockedUntil = now + Math.min(this.o.maxMs, this.o.baseMs * 2 ** Math.min(over, 20));
    this.entries.delete(id);
    this.entries.set(id, e);
    // Oldest first: a flood of made-up accounts cannot grow memory without bound.
    if (this.entries.size > MAX_TRACKED) this.entries.delete(this.entries.keys().next().value!);
  }

  succeed(id: string): void {
    this.entries.delete(id);
  }

  private live(id: string, now: number): Entry | undefined {
    const e = this.entries.get(id);
    if (e && now - e.last > this.o.windowMs && now >= e.blockedUntil) {
      this.entries.delete(id);
      return undefined;
    }
    return e;
  }
}

const accounts = new Throttle(ACCOUNT);
const addresses = new Throttle(ADDRESS);

export const loginThrottle = {
  /** Milliseconds before this account may be tried again from this address. */
  wait: (email: string, ip: string, now = Date.now()) =>
    Math.max(accounts.wait(email.toLowerCase(), now), addresses.wait(ip, now)),
  failed(email: string, ip: string, now = Date.now()) {
    accounts.fail(email.toLowerCase(), now);
    addresses.fail(ip, now);
  },
  succeeded: (email: string) => accounts.succeed(email.toLowerCase()),
};
