import type { MessageStatus } from "../outbox/records.js";

/** The platform's error on a failed message (a WHATSAPP_LIMITED refusal pauses the profile instead of failing). */
export type TrackedError = { code: string; message: string; details?: Record<string, unknown> };
type Listener = (status: MessageStatus, error?: TrackedError) => void;

/**
 * Routes message status events to the campaign run that sent the message. An event can beat the
 * registration (a fast outbox sends before `send()` returns, or a restored item goes out before the
 * run resumes), so statuses of unknown ids are kept for a while and replayed on `watch`.
 */
export class MessageTracker {
  private readonly listeners = new Map<string, Listener>();
  private readonly early = new Map<string, { status: MessageStatus; error?: TrackedError }>();

  constructor(private readonly earlyLimit = 50_000) {}

  watch(id: string, listener: Listener): void {
    this.listeners.set(id, listener);
    const early = this.early.get(id);
    if (early) (this.early.delete(id), listener(early.status, early.error));
  }

  unwatch(id: string): void {
    this.listeners.delete(id);
  }

  update(id: string, status: MessageStatus, error?: TrackedError): void {
    const listener = this.listeners.get(id);
    if (listener) return listener(status, error);
    const previous = this.early.get(id);
    if (previous && rank(previous.status) >= rank(status)) return;
    this.early.set(id, { status, ...(error ? { error } : {}) });
    if (this.early.size > this.earlyLimit) this.early.delete(this.early.keys().next().value!);
  }
}

const RANKS: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };
function rank(status: MessageStatus): number {
  return RANKS[status];
}
