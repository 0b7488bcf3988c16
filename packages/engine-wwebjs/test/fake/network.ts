import { randomBytes } from "node:crypto";
import { cus, rawKey, wid, type RawMessage } from "./wwebjs.js";
import type { FakeClient } from "./client.js";

interface Account {
  phone: string;
  name: string;
  clients: Set<FakeClient>;
  /** Device sessions WhatsApp still honours (one per linked browser profile). */
  tokens: Set<string>;
  /** Every message in this account's chats, by serialized key, as its devices see them. */
  messages: Map<string, RawMessage>;
  /** Chat settings WhatsApp Web's commands changed (issue #20), by chat id. */
  chats: Map<string, FakeChatSettings>;
}

export interface FakeChatSettings {
  archived: boolean;
  pinned: boolean;
  /** Seconds since the epoch, -1 forever; 0 when not muted (whatsapp-web.js' muteExpiration). */
  muteExpiration: number;
  unread: boolean;
  cleared: number;
}

interface Group {
  id: string;
  subject: string;
  owner: string;
  admins: Set<string>;
  members: Set<string>;
  invite: string;
  creation: number;
}

/**
 * A tiny WhatsApp for fake whatsapp-web.js clients: accounts, linked browsers, chats and groups.
 * Each account keeps its own copy of every message under its own key (`true_…` for the sender,
 * `false_…` for the others), which is how WhatsApp Web addresses messages.
 */
export class FakeWaNetwork {
  private readonly accounts = new Map<string, Account>();
  private readonly pairings = new Map<string, { client: FakeClient; phone?: string }>();
  private readonly groups = new Map<string, Group>();
  private readonly media = new Map<string, Buffer>();
  private groupSeq = 0;
  /** What WhatsApp Web shows of each account (#20): about, picture, whom it blocked; made on first use. */
  private readonly profiles = new Map<string, { about?: string; pictureUrl?: string; blocked: Set<string> }>();

  /** Whether a number has an account (it linked a client or someone wrote to it). */
  knows(phone: string): boolean {
    return this.accounts.has(phone);
  }

  profile(phone: string): { about?: string; pictureUrl?: string; blocked: Set<string> } {
    let profile = this.profiles.get(phone);
    if (!profile) this.profiles.set(phone, (profile = { blocked: new Set() }));
    return profile;
  }

  /** The chat's settings on this account, created on first use. */
  chat(phone: string, chatId: string): FakeChatSettings {
    const chats = this.account(phone).chats;
    let chat = chats.get(chatId);
    if (!chat)
      chats.set(chatId, (chat = { archived: false, pinned: false, muteExpiration: 0, unread: false, cleared: 0 }));
    return chat;
  }

  account(phone: string): Account {
    let account = this.accounts.get(phone);
    if (!account)
      this.accounts.set(
        phone,
        (account = {
          phone,
          name: `User ${phone.slice(-4)}`,
          clients: new Set(),
          tokens: new Set(),
          messages: new Map(),
          chats: new Map(),
        }),
      );
    return account;
  }

  // --- Linking devices ---

  offerQr(client: FakeClient): string {
    const qr = `2@${randomBytes(12).toString("base64")},FAKE,${randomBytes(6).toString("hex")}`;
    this.pairings.set(qr, { client });
    return qr;
  }

  offerCode(client: FakeClient, phone: string): string {
    const code = randomBytes(5).toString("hex").toUpperCase().slice(0, 8);
    this.pairings.set(code, { client, phone });
    return code;
  }

  /** The phone `phone` scans a QR some browser shows. */
  scanQr(qr: string, phone: string): void {
    const pairing = this.pairings.get(qr);
    if (!pairing) throw new Error(`No browser shows QR ${qr}`);
    this.pairings.delete(qr);
    pairing.client.paired(phone, this.issueToken(phone));
  }

  enterCode(code: string): void {
    const pairing = this.pairings.get(code);
    if (!pairing?.phone) throw new Error(`Unknown pairing code ${code}`);
    this.pairings.delete(code);
    pairing.client.paired(pairing.phone, this.issueToken(pairing.phone));
  }

  issueToken(phone: string): string {
    const token = randomBytes(8).toString("hex");
    this.account(phone).tokens.add(token);
    return token;
  }

  isValid(phone: string, token: string): boolean {
    return this.account(phone).tokens.has(token);
  }

  revoke(phone: string, token: string): void {
    this.account(phone).tokens.delete(token);
  }

  attach(client: FakeClient): void {
    this.account(client.phone!).clients.add(client);
  }

  detach(client: FakeClient): void {
    if (client.phone) this.account(client.phone).clients.delete(client);
  }

  /** Server-side events for every browser linked to `phone`. */
  kick(phone: string, how: "conflict" | "crash" | "logout"): void {
    for (const client of [...this.account(phone).clients]) {
      this.detach(client);
      if (how === "crash") client.crash();
      else if (how === "conflict") void client.lost("CONFLICT");
      else (this.account(phone).tokens.clear(), void client.lost("LOGOUT"));
    }
  }

  // --- Messages ---

  /** Sends a message drafted by `from`'s browser; returns the sender's copy. */
  send(from: FakeClient, chat: string, draft: Partial<RawMessage>, media?: Buffer): RawMessage {
    const me = cus(from.phone!);
    const group = chat.endsWith("@g.us") ? this.group(chat) : undefined;
    if (group && !group.members.has(from.phone!)) throw new Error(`Not a member of ${chat}`);
    const id = `3EB0${randomBytes(8).toString("hex").toUpperCase()}`;
    if (media) this.media.set(id, media);
    const t = Math.floor(Date.now() / 1000);
    const own: RawMessage = {
      type: "chat",
      ...draft,
      id: rawKey(true, chat, id, group ? me : undefined),
      t,
      from: wid(me),
      to: wid(chat),
      ack: 1,
      isNewMsg: true,
      ...(group ? { author: wid(me) } : {}),
    };
    this.store(from.phone!, own, ["message_create"]);
    const recipients = group ? [...group.members].filter((p) => p !== from.phone) : [chat.split("@")[0]!];
    for (const phone of recipients) {
      const remote = group ? chat : me;
      const copy: RawMessage = {
        ...own,
        id: rawKey(false, remote, id, group ? me : undefined),
        from: wid(remote),
        to: wid(cus(phone)),
        ack: 0,
        notifyName: this.account(from.phone!).name,
      };
      this.store(phone, copy, ["message_create", "message"]);
    }
    // Delivery receipts come back once every recipient has a device online.
    if (recipients.every((p) => this.account(p).clients.size > 0))
      setImmediate(() => this.ack(from.phone!, own.id._serialized, 2));
    return own;
  }

  react(from: FakeClient, key: string, emoji: string): void {
    const target = this.account(from.phone!).messages.get(key);
    if (!target) return;
    const reactionId = `3EB0${randomBytes(8).toString("hex").toUpperCase()}`;
    for (const [phone, copy] of this.copies(target)) {
      for (const client of this.account(phone).clients) {
        client.emitReaction({
          msgKey: rawKey(phone === from.phone, copy.id.remote, reactionId),
          parentMsgKey: copy.id,
          senderUserJid: cus(from.phone!),
          reactionText: emoji,
          timestamp: Math.floor(Date.now() / 1000),
          orphan: 0,
          read: false,
          ack: 1,
        });
      }
    }
  }

  edit(from: FakeClient, key: string, text: string): RawMessage | null {
    const target = this.account(from.phone!).messages.get(key);
    if (!target?.id.fromMe || target.type !== "chat") return null;
    const editKey = rawKey(true, target.id.remote, `3EB0${randomBytes(8).toString("hex").toUpperCase()}`);
    for (const [phone, copy] of this.copies(target)) {
      const previous = copy.body ?? "";
      copy.body = text;
      copy.latestEditMsgKey = editKey;
      for (const client of this.account(phone).clients) client.emitMessage("message_edit", copy, text, previous);
    }
    return target;
  }

  revokeMessage(from: FakeClient, key: string): void {
    const target = this.account(from.phone!).messages.get(key);
    if (!target) return;
    for (const [phone, copy] of this.copies(target)) {
      const before = { ...copy };
      Object.assign(copy, { type: "revoked", body: "", protocolMessageKey: copy.id });
      for (const client of this.account(phone).clients) client.emitMessage("message_revoke_everyone", copy, before);
    }
  }

  /** `voter` picks options of a poll it received; every party to the poll sees a `vote_update`. */
  vote(voter: FakeClient, key: string, names: string[]): void {
    const poll = this.account(voter.phone!).messages.get(key);
    if (!poll?.pollOptions) throw new Error(`No poll ${key}`);
    const ids = names.map((n) => poll.pollOptions!.find((o) => o.name === n)!.localId);
    for (const [phone, copy] of this.copies(poll)) {
      for (const client of this.account(phone).clients) {
        client.emitVote({
          msgKey: rawKey(phone === voter.phone, copy.id.remote, `3EB0${randomBytes(8).toString("hex").toUpperCase()}`),
          sender: wid(cus(voter.phone!)),
          parentMsgKey: copy.id,
          parentMessage: copy,
          selectedOptionLocalIds: ids,
          senderTimestampMs: Date.now(),
        });
      }
    }
  }

  /** `reader` opened a chat: its unread messages there turn blue for their senders. */
  markRead(reader: FakeClient, chat: string): void {
    for (const message of this.account(reader.phone!).messages.values()) {
      if (message.id.fromMe || message.id.remote !== chat || message.ack >= 3) continue;
      message.ack = 3;
      const sender = (message.author ?? message.from)._serialized.split("@")[0]!;
      this.ack(
        sender,
        rawKey(
          true,
          chat.endsWith("@g.us") ? chat : cus(reader.phone!),
          message.id.id,
          chat.endsWith("@g.us") ? cus(sender) : undefined,
        )._serialized,
        3,
      );
    }
  }

  downloadMedia(id: string): Buffer | undefined {
    return this.media.get(id);
  }

  // --- Groups ---

  createGroup(owner: string, subject: string, participants: string[]): string {
    const id = `1203630${String(++this.groupSeq).padStart(11, "0")}@g.us`;
    const members = new Set([owner, ...participants.map((p) => p.split("@")[0]!)]);
    this.groups.set(id, {
      id,
      subject,
      owner,
      admins: new Set([owner]),
      members,
      invite: randomBytes(8).toString("base64url"),
      creation: Math.floor(Date.now() / 1000),
    });
    this.notify(id, "create", [...members], owner);
    return id;
  }

  groupData(id: string): Record<string, unknown> {
    const g = this.group(id);
    return {
      id: wid(id),
      formattedTitle: g.subject,
      isGroup: true,
      t: g.creation,
      unreadCount: 0,
      groupMetadata: {
        id: wid(id),
        subject: g.subject,
        owner: wid(cus(g.owner)),
        creation: g.creation,
        desc: "",
        participants: [...g.members].map((p) => ({
          id: wid(cus(p)),
          isAdmin: g.admins.has(p),
          isSuperAdmin: p === g.owner,
        })),
      },
    };
  }

  updateParticipants(by: string, id: string, action: "add" | "remove" | "promote" | "demote", wids: string[]): unknown {
    const g = this.group(id);
    if (!g.admins.has(by)) return action === "add" ? "IAmNotAdmin" : { status: 403 };
    const phones = wids.map((w) => w.split("@")[0]!);
    if (action === "add") {
      const result = Object.fromEntries(
        wids.map((w, i) => [w, { code: g.members.has(phones[i]!) ? 409 : 200, message: "", isInviteV4Sent: false }]),
      );
      phones.forEach((p) => g.members.add(p));
      this.notify(id, "add", phones, by);
      return result;
    }
    if (action === "remove")
      (phones.forEach((p) => (g.members.delete(p), g.admins.delete(p))), this.notify(id, "remove", phones, by, phones));
    else
      (phones.forEach((p) => (action === "promote" ? g.admins.add(p) : g.admins.delete(p))),
        this.notify(id, action, phones, by));
    return { status: 200 };
  }

  inviteCode(by: string, id: string): string | undefined {
    const g = this.group(id);
    return g.admins.has(by) ? g.invite : undefined;
  }

  leave(phone: string, id: string): void {
    const g = this.group(id);
    g.members.delete(phone);
    g.admins.delete(phone);
    this.notify(id, "leave", [phone], phone, [phone]);
  }

  isGroup(id: string): boolean {
    return this.groups.has(id);
  }

  // --- Internal helpers ---

  private group(id: string): Group {
    const g = this.groups.get(id);
    if (!g) throw new Error(`Unknown group ${id}`);
    return g;
  }

  private store(phone: string, message: RawMessage, events: ("message_create" | "message")[]): void {
    this.account(phone).messages.set(message.id._serialized, message);
    for (const client of this.account(phone).clients) for (const event of events) client.emitMessage(event, message);
  }

  private ack(phone: string, key: string, ack: number): void {
    const message = this.account(phone).messages.get(key);
    if (!message || message.ack >= ack) return;
    message.ack = ack;
    for (const client of this.account(phone).clients) client.emitMessage("message_ack", message, ack);
  }

  /** Every account's copy of a message, found by its bare id in the same chat. */
  private copies(message: RawMessage): [string, RawMessage][] {
    const found: [string, RawMessage][] = [];
    for (const account of this.accounts.values()) {
      for (const copy of account.messages.values()) if (copy.id.id === message.id.id) found.push([account.phone, copy]);
    }
    return found;
  }

  private notify(id: string, subtype: string, phones: string[], author: string, alsoTell: string[] = []): void {
    const g = this.group(id);
    for (const member of new Set([...g.members, ...alsoTell])) {
      for (const client of this.account(member).clients) {
        client.emitGroup({
          id: rawKey(member === author, id, `${Date.now()}${randomBytes(3).toString("hex")}`, cus(author)),
          subtype,
          t: Math.floor(Date.now() / 1000),
          author: wid(cus(author)),
          recipients: phones.map((p) => wid(cus(p))),
          body: subtype === "subject" ? g.subject : "",
        });
      }
    }
  }
}
