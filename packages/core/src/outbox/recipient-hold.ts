import { isMultiWAError, type MultiWAError } from "../errors.js";

/**
 * Whether an engine's error paces one recipient only: RATE_LIMITED with `details.perRecipient` and
 * `details.retryAfterMs` (the Cloud API's pair rate, 131056). Other recipients may go on at once.
 */
export function recipientPaced(error: unknown): error is MultiWAError & { details: { retryAfterMs: number } } {
  return (
    isMultiWAError(error, "RATE_LIMITED") &&
    error.details.perRecipient === true &&
    typeof error.details.retryAfterMs === "number"
  );
}

/**
 * Recipients the platform asked to wait for, with their messages held in accepted order. While a
 * recipient is held, every later message to them joins the line (so none overtakes another); when the
 * wait is over the line goes back to the queue in order. Messages to anyone else are not held up.
 */
export class RecipientHold<T> {
  private readonly held = new Map<string, { items: T[]; timer: NodeJS.Timeout }>();

  constructor(private readonly release: (items: T[]) => void) {}

  isHeld(to: string): boolean {
    return this.held.has(to);
  }

  /** Holds `to` for `ms` with `item` first in line (or adds `item` to the line if `to` is held already). */
  hold(to: string, item: T, ms?: number): void {
    const line = this.held.get(to);
    if (line) return void line.items.push(item);
    const timer = setTimeout(() => {
      const items = this.held.get(to)?.items ?? [];
      this.held.delete(to);
      this.release(items);
    }, ms ?? 0);
    this.held.set(to, { items: [item], timer });
  }

  /** Lets go of every timer (the items stay persisted; a restart or the next owner queues them again). */
  clear(): void {
    for (const { timer } of this.held.values()) clearTimeout(timer);
    this.held.clear();
  }
}
