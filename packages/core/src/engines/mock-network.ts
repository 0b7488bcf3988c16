import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { EventEmitter } from "eventemitter3";
import { MultiWAError } from "../errors.js";
import type {
  DisconnectReason,
  EngineEventName,
  EngineEvents,
  InboundContent,
  PresenceState,
  WAMessage,
} from "../engine/types.js";
import type { EngineProxy } from "../proxy/schema.js";
import { MockDirectory } from "./mock-directory.js";
import { MockCalls } from "./mock-calls.js";
import { phoneOf, userJid } from "./mock-jid.js";
import { MockGroups } from "./mock-groups.js";
import { MockStatuses } from "./mock-status.js";
import { MockChannels } from "./mock-channels.js";
import { MockTemplates } from "./mock-templates.js";
import { MockLimits } from "./mock-limits.js";

/** What a linked (mock) session must offer the network. */
export interface MockEndpoint {
  readonly phone: string;
  receive(message: WAMessage): void;
  receipt(kind: "delivered" | "read", chatId: string, ids: string[], by: string): void;
  presence(chatId: string, participant: string, state: PresenceState): void;
  /** Group and call events, passed on as they are. */
  event<K extends EngineEventName>(event: K, payload: EngineEvents[K]): void;
  kicked(reason: DisconnectReason): void;
}

interface Pairing {
  complete(phone: string): void;
  phone?: string;
}

export interface MockNetworkOptions {
  /** Append every delivery to this JSONL file and dedupe by message id across processes, as WhatsApp does. */
  journal?: string;
}

/**
 * An in-memory WhatsApp: accounts, their phones and linked mock sessions.
 * Delivery is deduplicated per recipient by message id, like the real service.
 */
export class MockNetwork {
  private readonly endpoints = new Map<string, Set<MockEndpoint>>();
  private readonly phones = new Map<string, MockPhone>();
  private readonly pairings = new Map<string, Pairing>();
  private readonly media = new Map<string, Uint8Array>();
  private readonly delivered = new Set<string>();
  /** Which numbers have an account, their LIDs, profiles, privacy and blocklists. */
  readonly directory = new MockDirectory((phone) => this.phones.has(phone) || this.endpoints.has(phone));
  readonly groups = new MockGroups((phone) => this.endpoints.get(phone) ?? []);
  readonly calls = new MockCalls((phone) => this.endpoints.get(phone) ?? []);
  /** Each connection attempt of a mock session and the proxy the core gave it, oldest first. */
  readonly proxyLog: { profileId: string; proxy?: EngineProxy }[] = [];
  readonly statuses = new MockStatuses((phone) => this.endpoints.get(phone) ?? []);
  /** Channels (newsletters): phones and accounts create, follow, post and react. */
  readonly channels = new MockChannels((phone) => this.endpoints.get(phone) ?? []);
  /** The official platform's templates per account (templates.manage). */
  readonly templates = new MockTemplates();
  /** WhatsApp's limits on new chats per account (issue #21). */
  readonly limits = new MockLimits((phone) => this.endpoints.get(phone) ?? []);

  constructor(private readonly options: MockNetworkOptions = {}) {
    if (options.journal && existsSync(options.journal)) {
      for (const line of readFileSync(options.journal, "utf8").split("\n")) {
        if (!line) continue;
        const entry = JSON.parse(line) as { type: string; to: string; id: string };
        if (entry.type === "delivered") this.delivered.add(`${entry.to}|${entry.id}`);
      }
    }
  }

  /** The phone of an account; created on first use. */
  phone(phone: string): MockPhone {
    let p = this.phones.get(phone);
    if (!p) this.phones.set(phone, (p = new MockPhone(this, phone)));
    return p;
  }

  attach(endpoint: MockEndpoint): void {
    const set = this.endpoints.get(endpoint.phone) ?? new Set();
    set.add(endpoint);
    this.endpoints.set(endpoint.phone, set);
  }

  detach(endpoint: MockEndpoint): void {
    this.endpoints.get(endpoint.phone)?.delete(endpoint);
  }

  /** Registers a pending login, answered by `scanQr` or `enterPairingCode`. */
  offerPairing(token: string, pairing: Pairing): void {
    this.pairings.set(token, pairing);
  }

  withdrawPairing(token: string): void {
    this.pairings.delete(token);
  }

  /** The phone `phone` scans a QR shown by a session. */
  scanQr(qr: string, phone: string): void {
    const pairing = this.pairings.get(qr);
    if (!pairing)
      throw new MultiWAError("VALIDATION_FAILED", `No session is showing QR ${JSON.stringify(qr)}`, { scope: "mock" });
    this.pairings.delete(qr);
    pairing.complete(phone);
  }

  /** The user types the pairing code into the phone it was requested for. */
  enterPairingCode(code: string): void {
    const pairing = this.pairings.get(code);
    if (!pairing?.phone)
      throw new MultiWAError("VALIDATION_FAILED", `Unknown pairing code ${JSON.stringify(code)}`, { scope: "mock" });
    this.pairings.delete(code);
    pairing.complete(pairing.phone);
  }

  /** Drops every linked session of `phone`, as a server-side disconnect would. */
  kick(phone: string, reason: DisconnectReason): void {
    for (const endpoint of [...(this.endpoints.get(phone) ?? [])]) {
      this.detach(endpoint);
      endpoint.kicked(reason);
    }
  }

  isOnline(phone: string): boolean {
    return (this.endpoints.get(phone)?.size ?? 0) > 0;
  }

  /** Routes a message from `fromPhone` to a user or group; returns the recipients it reached for the first time. */
  deliver(fromPhone: string, message: WAMessage, media?: Uint8Array, origin?: MockEndpoint): string[] {
    if (media) this.media.set(message.id, media);
    const recipients = message.chatId.endsWith("@g.us")
      ? this.groups.members(message.chatId, fromPhone)
      : [phoneOf(message.chatId)];
    const reached: string[] = [];
    const refused = this.limits.refusal(fromPhone, message);
    if (refused) {
      // Accepted, then refused in the ack (a 463 on Baileys); nothing is delivered.
      setImmediate(() =>
        origin?.event("message.failed", {
          id: message.id,
          to: message.chatId,
          error: {
            code: "WHATSAPP_LIMITED",
            message: `WhatsApp refused a message to a new contact (463): ${refused.kind.replace(/_/g, " ")}`,
            details: { kind: refused.kind, error: 463, until: refused.until, source: "whatsapp" },
          },
        }),
      );
      return reached;
    }
    for (const to of recipients) {
      const key = `${to}|${message.id}`;
      this.journal({ type: "attempt", from: fromPhone, to, id: message.id });
      if (this.delivered.has(key)) continue;
      this.delivered.add(key);
      this.journal({ type: "delivered", from: fromPhone, to, id: message.id });
      const inbound: WAMessage = {
        ...message,
        fromMe: false,
        chatId: message.chatId.endsWith("@g.us") ? message.chatId : userJid(fromPhone),
      };
      this.phone(to).inbox(inbound);
      for (const endpoint of this.endpoints.get(to) ?? []) endpoint.receive(inbound);
      reached.push(to);
    }
    // Linked devices of the sender see their own message too.
    for (const endpoint of this.endpoints.get(fromPhone) ?? [])
      if (endpoint !== origin) endpoint.receive({ ...message, fromMe: true });
    for (const to of reached) this.receipt("delivered", fromPhone, message.chatId, [message.id], to);
    return reached;
  }

  /** A phone pins (`seconds`) or unpins (`null`) a message in a chat: `message.pinned` for the others in it (#20). */
  pin(fromPhone: string, chatId: string, id: string, seconds: number | null): void {
    const group = chatId.endsWith("@g.us");
    const event = {
      chatId: group ? chatId : userJid(fromPhone),
      id,
      sender: userJid(fromPhone),
      pinned: seconds !== null,
      ...(seconds !== null ? { seconds } : {}),
      timestamp: Date.now(),
    };
    for (const to of group ? this.groups.members(chatId, fromPhone) : [phoneOf(chatId)])
      for (const endpoint of this.endpoints.get(to) ?? []) endpoint.event("message.pinned", event);
  }

  receipt(kind: "delivered" | "read", toPhone: string, chatId: string, ids: string[], byPhone: string): void {
    const chat = chatId.endsWith("@g.us") ? chatId : userJid(byPhone);
    for (const endpoint of this.endpoints.get(toPhone) ?? []) endpoint.receipt(kind, chat, ids, userJid(byPhone));
  }

  presence(fromPhone: string, to: string, state: PresenceState): void {
    for (const endpoint of this.endpoints.get(phoneOf(to)) ?? [])
      endpoint.presence(userJid(fromPhone), userJid(fromPhone), state);
  }

  /** The bytes of a media message the network carried, if any (a forward sends them on). */
  mediaOf(id: string): Uint8Array | undefined {
    return this.media.get(id);
  }

  downloadMedia(id: string): Uint8Array {
    const data = this.media.get(id);
    if (!data) throw new MultiWAError("MESSAGE_NOT_FOUND", `No media for message ${id}`, { scope: "mock" });
    return data;
  }

  // --- Internal helpers ---

  private journal(entry: Record<string, string>): void {
    if (this.options.journal) appendFileSync(this.options.journal, `${JSON.stringify(entry)}\n`);
  }
}

/** The phone side of an account: a contact that talks to sessions under test. */
export class MockPhone extends EventEmitter<{ message: [WAMessage] }> {
  private readonly received: WAMessage[] = [];
  private seq = 0;

  constructor(
    private readonly network: MockNetwork,
    readonly number: string,
  ) {
    super();
  }

  get jid(): string {
    return userJid(this.number);
  }

  inbox(message: WAMessage): void {
    this.received.push(message);
    this.emit("message", message);
  }

  /** Everything this phone has received so far. */
  messages(): readonly WAMessage[] {
    return this.received;
  }

  /** Resolves with the next message matching `filter`, including ones already received and not yet taken. */
  async nextMessage(filter: (m: WAMessage) => boolean = () => true, timeoutMs = 5000): Promise<WAMessage> {
    const index = this.received.findIndex(filter);
    if (index >= 0) return this.received.splice(index, 1)[0]!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => (
          this.off("message", onMessage),
          reject(new MultiWAError("TIMEOUT", `Phone ${this.number} received no matching message in ${timeoutMs} ms`))
        ),
        timeoutMs,
      );
      const onMessage = (m: WAMessage) => {
        if (!filter(m)) return;
        clearTimeout(timer);
        this.off("message", onMessage);
        this.received.splice(this.received.indexOf(m), 1);
        resolve(m);
      };
      this.on("message", onMessage);
    });
  }

  send(to: string, content: InboundContent, extra: { id?: string; quotedId?: string } = {}): WAMessage {
    const message: WAMessage = {
      id: extra.id ?? `MOCKPHONE${this.number}${++this.seq}`,
      chatId: to,
      sender: this.jid,
      fromMe: true,
      timestamp: Date.now(),
      content,
      ...(extra.quotedId ? { quotedId: extra.quotedId } : {}),
    };
    this.network.deliver(this.number, message);
    return message;
  }

  /** Pins a message in the chat `to` (a JID) for `seconds`, or unpins it with `null`. */
  pin(to: string, id: string, seconds: number | null): void {
    this.network.pin(this.number, to, id, seconds);
  }

  read(senderJid: string, ids: string[], chatId?: string): void {
    this.network.receipt("read", phoneOf(senderJid), chatId ?? senderJid, ids, this.number);
  }

  presence(to: string, state: PresenceState): void {
    this.network.presence(this.number, to, state);
  }

  /** Posts a text status to these accounts (JIDs or numbers); returns its id. */
  postStatus(text: string, recipients: string[], style: { backgroundColor?: string; font?: number } = {}): string {
    return this.network.statuses.post(this.number, { type: "text", text, ...style }, recipients).id;
  }

  /** Views a status an account posted to this phone: the poster's sessions get a `status.viewed`. */
  viewStatus(id: string): void {
    this.network.statuses.view(this.number, id);
  }

  deleteStatus(id: string): void {
    this.network.statuses.delete(this.number, id);
  }

  /** Creates a channel this phone owns; returns its JID and invite code. */
  createChannel(name: string, description?: string): { id: string; invite: string } {
    const { id, invite } = this.network.channels.create(this.number, name, description);
    return { id, invite };
  }

  /** Posts a text to a channel this phone administers; returns the post's server id. */
  postToChannel(channelId: string, text: string): string {
    return this.network.channels.post(this.number, channelId, { type: "text", text }).serverId;
  }

  reactInChannel(channelId: string, serverId: string, emoji: string): void {
    this.network.channels.react(this.number, channelId, serverId, emoji);
  }

  /** Rings the account `to`; returns the call id. */
  call(to: string, options: { video?: boolean } = {}): string {
    return this.network.calls.offer(this.number, phoneOf(to), options);
  }
}

export { phoneOf, userJid };
