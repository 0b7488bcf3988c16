import type { proto } from "@whiskeysockets/baileys";

/**
 * The most recent messages of one session, by id (insertion-ordered Map as an LRU). Baileys
 * keeps no store of its own: quotes, retry receipts, poll votes and media downloads all need
 * the original message.
 */
export class MessageCache {
  private readonly messages = new Map<string, proto.IWebMessageInfo>();
  /** Ids this session sent itself, so Baileys' echo of them is not reported as sent elsewhere. */
  private readonly own = new Set<string>();

  constructor(private readonly capacity: number) {}

  add(message: proto.IWebMessageInfo, sentHere = false): void {
    const id = message.key?.id;
    if (!id || this.capacity === 0) return;
    this.messages.delete(id);
    this.messages.set(id, message);
    if (sentHere) this.own.add(id);
    while (this.messages.size > this.capacity) {
      const oldest = this.messages.keys().next().value as string;
      this.messages.delete(oldest);
      this.own.delete(oldest);
    }
  }

  /** Marks an id as ours before Baileys echoes it (the echo may come before `sendMessage` resolves). */
  markOwn(id: string): void {
    this.own.add(id);
  }

  get(id: string | null | undefined): proto.IWebMessageInfo | undefined {
    return id ? this.messages.get(id) : undefined;
  }

  sentHere(id: string | null | undefined): boolean {
    return Boolean(id && this.own.has(id));
  }

  get size(): number {
    return this.messages.size;
  }
}
