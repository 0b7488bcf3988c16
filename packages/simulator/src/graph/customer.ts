import type { GraphApiSimulator } from "./simulator.js";
import type { BusinessMessage, CustomerMessage } from "./types.js";

export interface CustomerOptions {
  /** Profile name shown to the business. */
  name?: string;
  /** Business-scoped user id; generated from the number when omitted. */
  bsuid?: string;
  username?: string;
  /** A user with a username who hides their number: webhooks carry only the BSUID. */
  hidePhone?: boolean;
}

/** A WhatsApp user talking to the business number: sends to it and reads what the business sent. */
export class SimCustomer {
  readonly inbox: BusinessMessage[] = [];
  readonly bsuid: string;
  private waiters: ((m: BusinessMessage) => void)[] = [];
  private unread = 0;

  constructor(
    private readonly sim: GraphApiSimulator,
    /** Phone digits. */
    readonly waId: string,
    readonly options: CustomerOptions = {},
  ) {
    this.bsuid = options.bsuid ?? `US.${BigInt(waId) * 7919n}`;
  }

  get name(): string {
    return this.options.name ?? `Customer ${this.waId.slice(-4)}`;
  }

  /** Sends a text to the business; resolves with its wamid once the webhook is queued. */
  sendText(text: string, options: { replyTo?: string } = {}): Promise<string> {
    return this.sim.customerSends(this, "text", { body: text }, options.replyTo);
  }

  /** Sends a photo (or other media) that the business downloads through the media id. */
  sendMedia(
    type: "image" | "video" | "audio" | "document" | "sticker",
    data: Uint8Array,
    mimeType: string,
    extra: { caption?: string; filename?: string } = {},
  ): Promise<string> {
    const item = this.sim.media.add(data, mimeType, extra.filename);
    return this.sim.customerSends(this, type, { id: item.id, mime_type: mimeType, sha256: item.sha256, ...extra });
  }

  sendLocation(latitude: number, longitude: number, name?: string): Promise<string> {
    return this.sim.customerSends(this, "location", { latitude, longitude, ...(name ? { name } : {}) });
  }

  react(messageId: string, emoji: string): Promise<string> {
    return this.sim.customerSends(this, "reaction", { message_id: messageId, emoji });
  }

  /** Taps a reply button or list row of an interactive message the business sent. */
  tap(
    messageId: string,
    choice: { id: string; title: string; description?: string },
    kind: "button_reply" | "list_reply" = "button_reply",
  ): Promise<string> {
    return this.sim.customerSends(this, "interactive", { type: kind, [kind]: choice }, messageId);
  }

  /** Opens the chat: every message the business sent is read (a read status per message). */
  async read(ids?: string[]): Promise<void> {
    for (const m of this.inbox) if (!ids || ids.includes(m.id)) await this.sim.advanceStatus(m, "read");
  }

  /** The next message from the business this customer has not looked at yet. */
  nextMessage(timeoutMs = 10_000): Promise<BusinessMessage> {
    if (this.unread < this.inbox.length) return Promise.resolve(this.inbox[this.unread++]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== take);
        reject(new Error(`customer ${this.waId} got nothing from the business within ${timeoutMs} ms`));
      }, timeoutMs);
      const take = (m: BusinessMessage) => (clearTimeout(timer), resolve(m));
      this.waiters.push(take);
    });
  }

  /** @internal The simulator delivers a business message to this phone. */
  receive(message: BusinessMessage): void {
    this.inbox.push(message);
    const waiter = this.waiters.shift();
    if (waiter) {
      this.unread++;
      waiter(message);
    }
  }

  /** @internal */
  toMessage(id: string, type: string, body: Record<string, unknown>, replyTo?: string): CustomerMessage {
    return { id, from: this.waId, type, body, ...(replyTo ? { replyTo } : {}), timestamp: this.sim.now() };
  }
}
