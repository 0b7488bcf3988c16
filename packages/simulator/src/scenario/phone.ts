import { EventEmitter } from "node:events";
import type { MediaType, proto } from "@whiskeysockets/baileys";
import type { Companion } from "../server/companion.js";
import type { MediaStore } from "../server/media.js";
import type { ChannelStore, SimChannel } from "../server/channels.js";
import { SignalDevice } from "../signal/device.js";
import type {
  ClientReceipt,
  MediaInput,
  PairedDevice,
  PhoneOptions,
  PresenceEvent,
  ReceiptMode,
  ReceivedMessage,
  SendOptions,
  SentMessage,
} from "../types.js";
import { messageId } from "../wire/nodes.js";
import {
  contactContent,
  editContent,
  linkPreviewContent,
  locationContent,
  mediaContent,
  pinContent,
  pollContent,
  pollVoteContent,
  reactionContent,
  revokeContent,
  textContent,
  type MediaKind,
} from "./content.js";
import { pinnedMessages } from "./pins.js";
import {
  eventContent,
  eventResponseContent,
  liveLocationContent,
  readEventResponse,
  viewOnceContent,
  type SimEvent,
  type SimEventResponse,
  type SimLivePosition,
} from "./rich.js";
import { AppStateStore, type AppStateMutation, type CollectionName } from "../appstate/store.js";
import { chatActionMutation, chatSettings, type ChatSettings, type PhoneChatAction } from "./chat-actions.js";
import { Inbox } from "./inbox.js";
import { chatLabelsOf, labelAssociationMutation, labelEditMutation, labelsOf, type SimLabel } from "./labels.js";
import { PhoneProfile, type SimBusinessProfile } from "./profile.js";
import { generateHistory, type HistorySpec, type SimHistory } from "./history.js";

/** What a phone needs from the simulator that hosts it. */
export interface PhoneHost {
  readonly media: MediaStore;
  readonly channels: ChannelStore;
  deliver(from: SimPhone, chat: string, message: proto.IMessage, id: string): Promise<void>;
  postStatus(from: SimPhone, message: proto.IMessage, recipients: SimPhone[], id: string): Promise<void>;
  viewStatus(viewer: SimPhone, id: string, poster?: SimPhone): void;
  pairByQr(phone: SimPhone, qr: string): Promise<PairedDevice>;
  pairByCode(phone: SimPhone, code: string): Promise<PairedDevice>;
  presence(from: SimPhone, type: "available" | "unavailable", to?: string): void;
  chatState(from: SimPhone, to: string, state: "composing" | "recording" | "paused"): void;
  receipt(from: SimPhone, to: string, ids: string[], type: "delivery" | "read", participant?: string): Promise<void>;
  unlink(phone: SimPhone, device: number, reason: "logout" | "conflict" | "restart"): void;
  phoneOf(jid: string): SimPhone | undefined;
  /** The phone wrote an app-state patch: its companions are told to sync. */
  appStateChanged(phone: SimPhone, collection: CollectionName): void;
  pictureChanged(phone: SimPhone): void;
  blockChanged(phone: SimPhone, lid: string, action: "block" | "unblock"): void;
}

export interface PhoneEvents {
  message: [ReceivedMessage];
  receipt: [ClientReceipt];
  presence: [PresenceEvent];
  paired: [PairedDevice];
}

/** A chat target: a phone, or any JID (phone, LID or group). */
export type ChatTarget = SimPhone | string;

/**
 * A simulated WhatsApp account with its primary phone (device 0). Clients pair to it as
 * companion devices; it sends to and receives from any client over real Signal sessions.
 */
export class SimPhone extends EventEmitter<PhoneEvents> {
  readonly pn: string;
  readonly lid: string;
  #name: string;
  /** About, picture, business profile, privacy and blocklist, as the server keeps them. */
  readonly profile = new PhoneProfile();
  receipts: ReceiptMode;
  /** Delay before each automatic receipt, in ms. */
  receiptDelayMs: number;
  /** How long after a login the phone shares its app-state key (#20: a real phone takes a moment). */
  appStateKeyDelayMs: number;
  /** 1:1 addressing used towards clients. */
  addressing: "pn" | "lid";
  /** Primary device keys and sessions. */
  readonly signal = new SignalDevice();
  /** Companion (client) devices by device id. */
  readonly companions = new Map<number, Companion>();
  readonly inbox = new Inbox<ReceivedMessage>();
  readonly clientReceipts = new Inbox<ClientReceipt>();
  readonly presences = new Inbox<PresenceEvent>();
  /** Statuses (and status revokes) clients posted to this phone, on `status@broadcast`. */
  readonly statuses = new Inbox<ReceivedMessage>();
  /** Chat settings (archive, pin, mute, …) synced with companions over app-state patches. */
  readonly appState = new AppStateStore();
  /** @internal Automatic delivery receipts in flight, by message id (read receipts wait for them). */
  readonly pendingDeliveries = new Map<string, Promise<void>>();
  /** Past conversations a newly linked device receives as history sync (issue #21); none by default. */
  history?: SimHistory;
  #nextDevice = 1;
  readonly #host: PhoneHost;

  constructor(host: PhoneHost, opts: Required<Pick<PhoneOptions, "phone" | "lid">> & PhoneOptions) {
    super();
    this.#host = host;
    this.pn = opts.phone;
    this.lid = opts.lid;
    this.#name = opts.name ?? `Phone ${opts.phone}`;
    this.receipts = opts.receipts ?? "read";
    this.receiptDelayMs = opts.receiptDelayMs ?? 150;
    this.appStateKeyDelayMs = opts.appStateKeyDelayMs ?? 0;
    this.addressing = opts.addressing ?? "pn";
  }

  get jid(): string {
    return `${this.pn}@s.whatsapp.net`;
  }

  get lidJid(): string {
    return `${this.lid}@lid`;
  }

  allocateDevice(): number {
    return this.#nextDevice++;
  }

  // ---- Pairing ----
  /** Scan a QR string emitted by a Baileys client; resolves once the client is linked. */
  scanQr(qr: string): Promise<PairedDevice> {
    return this.#host.pairByQr(this, qr);
  }

  /** Type the 8-character code from `sock.requestPairingCode(thisPhone.pn)` into this phone. */
  enterPairingCode(code: string): Promise<PairedDevice> {
    return this.#host.pairByCode(this, code);
  }

  /** Unlink a client as the real server would: 401 logout, 440 conflict or 515 restart. */
  kick(device: number | PairedDevice, reason: "logout" | "conflict" | "restart"): void {
    this.#host.unlink(this, typeof device === "number" ? device : device.device, reason);
  }

  /** Gives the phone `spec.chats` × `spec.messagesPerChat` messages of history for devices linked from now on. */
  setHistory(spec: HistorySpec): SimHistory {
    return (this.history = generateHistory(spec));
  }

  // ---- Sending to clients ----
  async sendMessage(to: ChatTarget, message: proto.IMessage, opts: SendOptions = {}): Promise<SentMessage> {
    const id = opts.id ?? messageId();
    const chat = typeof to === "string" ? to : to.jid;
    await this.#host.deliver(this, chat, message, id);
    return { id, chat, message };
  }

  sendText(to: ChatTarget, text: string, opts?: SendOptions): Promise<SentMessage> {
    return this.sendMessage(to, textContent(text, opts), opts);
  }

  /** Reply to a message with text (shorthand for `sendText(..., { quoted })`). */
  reply(to: ChatTarget, quoted: NonNullable<SendOptions["quoted"]>, text: string): Promise<SentMessage> {
    return this.sendText(to, text, { quoted });
  }

  async sendMedia(to: ChatTarget, kind: MediaKind, input: MediaInput, opts?: SendOptions): Promise<SentMessage> {
    return this.sendMessage(to, await mediaContent(this.#host.media, kind, input), opts);
  }

  sendReaction(to: ChatTarget, key: proto.IMessageKey, emoji: string): Promise<SentMessage> {
    return this.sendMessage(to, reactionContent(key, emoji));
  }

  /** Pins a message in the chat for everyone for `seconds`, or unpins it with `null` (#20). */
  pinMessage(to: ChatTarget, key: proto.IMessageKey, seconds: number | null): Promise<SentMessage> {
    return this.sendMessage(to, pinContent(key, seconds));
  }

  /** A text with the preview this phone's app made of the link in it (#20). */
  sendLinkPreview(
    to: ChatTarget,
    text: string,
    preview: { url: string; title: string; description?: string },
  ): Promise<SentMessage> {
    return this.sendMessage(to, linkPreviewContent(text, preview));
  }

  /** Edits a message this phone sent earlier (`key.id` = its id; `fromMe: true` from the phone's view). */
  editMessage(to: ChatTarget, id: string, text: string): Promise<SentMessage> {
    return this.sendMessage(
      to,
      editContent({ id, fromMe: true, remoteJid: typeof to === "string" ? to : to.jid }, text),
    );
  }

  /** Deletes for everyone a message this phone sent earlier. */
  deleteMessage(to: ChatTarget, id: string): Promise<SentMessage> {
    return this.sendMessage(to, revokeContent({ id, fromMe: true, remoteJid: typeof to === "string" ? to : to.jid }));
  }

  sendPoll(to: ChatTarget, name: string, options: string[], selectableCount = 1): Promise<SentMessage> {
    return this.sendMessage(to, pollContent(name, options, selectableCount));
  }

  /**
   * Votes on a poll a client sent to this phone (as received by `nextMessage()`). The vote key
   * is bound to user JIDs without device: the client's account and this phone, both as phone
   * numbers (or both as LIDs when this phone uses `addressing: "lid"`).
   */
  votePoll(poll: ReceivedMessage, selected: string[]): Promise<SentMessage> {
    const secret = poll.message.messageContextInfo?.messageSecret;
    if (!secret) throw new Error("[multiwa-simulator] poll has no messageSecret");
    const [user, server] = [poll.sender.split("@")[0]!.split(":")[0]!, poll.sender.split("@")[1]];
    const lid = this.addressing === "lid";
    const creatorPhone = this.#host.phoneOf(poll.sender);
    const creator = lid && creatorPhone ? creatorPhone.lidJid : `${user}@${server}`;
    const chat = poll.chat === this.jid ? (lid && creatorPhone ? creatorPhone.lidJid : `${user}@${server}`) : poll.chat;
    return this.sendMessage(
      chat,
      pollVoteContent({ id: poll.id, chat, secret }, creator, lid ? this.lidJid : this.jid, selected),
    );
  }

  // ---- Rich messages (#21) ----
  /** Sends an event (a name, a start, maybe a place) that recipients answer. */
  sendEvent(to: ChatTarget, event: SimEvent): Promise<SentMessage> {
    return this.sendMessage(to, eventContent(event));
  }

  /** Answers an event a client sent to this phone (as received by `nextMessage()`); keys bound like a poll vote's. */
  respondEvent(event: ReceivedMessage, response: SimEventResponse): Promise<SentMessage> {
    const secret = event.message.messageContextInfo?.messageSecret;
    if (!secret) throw new Error("[multiwa-simulator] event has no messageSecret");
    const [user, server] = [event.sender.split("@")[0]!.split(":")[0]!, event.sender.split("@")[1]];
    const lid = this.addressing === "lid";
    const creatorPhone = this.#host.phoneOf(event.sender);
    const creator = lid && creatorPhone ? creatorPhone.lidJid : `${user}@${server}`;
    const chat = event.chat === this.jid ? creator : event.chat;
    return this.sendMessage(
      chat,
      eventResponseContent({ id: event.id, chat, secret }, creator, lid ? this.lidJid : this.jid, response),
    );
  }

  /** What a client answered to this phone's `event` (a received `encEventResponseMessage`), if it decrypts. */
  eventResponseOf(answer: ReceivedMessage, event: SentMessage): SimEventResponse | undefined {
    const secret = event.message.messageContextInfo?.messageSecret;
    if (!secret) return undefined;
    const account = `${answer.sender.split("@")[0]!.split(":")[0]!}@${answer.sender.split("@")[1]}`;
    const peer = this.#host.phoneOf(answer.sender);
    const responders = [account, ...(peer ? [peer.jid, peer.lidJid] : [])];
    const read = readEventResponse(answer.message, secret, [this.jid, this.lidJid], responders);
    return read?.eventId === event.id ? read.response : undefined;
  }

  /** One position of a live location share; the first has `sequence` 1, later ones move it. */
  sendLiveLocation(to: ChatTarget, position: SimLivePosition): Promise<SentMessage> {
    return this.sendMessage(to, liveLocationContent(position));
  }

  /** Image, video or voice note sent "view once". */
  async sendViewOnce(to: ChatTarget, kind: "image" | "video" | "audio", input: MediaInput): Promise<SentMessage> {
    return this.sendMessage(to, viewOnceContent(await mediaContent(this.#host.media, kind, input)));
  }

  sendLocation(
    to: ChatTarget,
    loc: { latitude: number; longitude: number; name?: string; address?: string },
  ): Promise<SentMessage> {
    return this.sendMessage(to, locationContent(loc));
  }

  sendContact(to: ChatTarget, displayName: string, vcard: string): Promise<SentMessage> {
    return this.sendMessage(to, contactContent(displayName, vcard));
  }

  /**
   * Receipts for messages a client sent to this phone (automatic unless `receipts: "none"`).
   * Like a real phone, it never goes out before the automatic delivery receipt nor sooner
   * than `receiptDelayMs` after the message arrived; resolves once sent.
   */
  sendReceipt(to: string, ids: string[], type: "delivery" | "read", participant?: string): Promise<void> {
    return this.#host.receipt(this, to, ids, type, participant);
  }

  sendPresence(type: "available" | "unavailable", to?: ChatTarget): void {
    this.#host.presence(this, type, typeof to === "object" ? to.jid : to);
  }

  sendChatState(to: ChatTarget, state: "composing" | "recording" | "paused"): void {
    this.#host.chatState(this, typeof to === "string" ? to : to.jid, state);
  }

  // ---- Status (stories, issue #21) ----
  /** Posts a status (any message content) that only `to` see; returns its id. */
  async postStatus(message: proto.IMessage, to: SimPhone[], opts: { id?: string } = {}): Promise<SentMessage> {
    const id = opts.id ?? messageId();
    await this.#host.postStatus(this, message, to, id);
    return { id, chat: "status@broadcast", message };
  }

  /** A text status on a coloured background (`0xAARRGGBB`) in one of WhatsApp's fonts. */
  postTextStatus(text: string, to: SimPhone[], style: { backgroundArgb?: number; font?: number } = {}) {
    return this.postStatus({ extendedTextMessage: { text, ...style } }, to);
  }

  /** Deletes one of this phone's statuses for the same people. */
  deleteStatus(id: string, to: SimPhone[]): Promise<SentMessage> {
    return this.postStatus(revokeContent({ id, fromMe: true, remoteJid: "status@broadcast" }), to);
  }

  // ---- Channels (newsletters, issue #21) ----
  /** Creates a channel this phone owns; returns its JID and invite code. */
  createChannel(name: string, description?: string): { jid: string; invite: string } {
    const { jid, invite } = this.#host.channels.create(this, name, description);
    return { jid, invite };
  }

  /** Posts a text to a channel this phone administers; returns the post's server id. */
  postToChannel(jid: string, text: string): string {
    return String(this.#host.channels.post(this, this.#channel(jid), { extendedTextMessage: { text } }).serverId);
  }

  reactInChannel(jid: string, serverId: string, emoji: string): void {
    this.#host.channels.react(this, this.#channel(jid), Number(serverId), emoji);
  }

  /** What a channel holds (any channel: WhatsApp shows posts to anyone with the link), oldest first. */
  channelPosts(jid: string): proto.IMessage[] {
    return this.#channel(jid).posts.map((p) => p.message);
  }

  followChannel(jid: string): void {
    this.#host.channels.follow(this, this.#channel(jid));
  }

  #channel(jid: string): SimChannel {
    const channel = this.#host.channels.get(jid);
    if (!channel) throw new Error(`[multiwa-simulator] no channel ${jid}`);
    return channel;
  }

  /** Views a status (one a client posted to this phone, or `poster`'s): its poster gets a read receipt. */
  viewStatus(status: ReceivedMessage | string, poster?: SimPhone): void {
    this.#host.viewStatus(this, typeof status === "string" ? status : status.id, poster);
  }

  /** The next status a client posted to this phone. */
  nextStatus(opts: { timeoutMs?: number; filter?: (m: ReceivedMessage) => boolean } = {}): Promise<ReceivedMessage> {
    return this.statuses.next(opts.filter, opts.timeoutMs, `a status to ${this.pn}`);
  }

  // ---- App state (chat settings) ----
  /** Changes a chat on the phone (archive, pin, mute, …); companions get it via `server_sync`. Returns the patch version. */
  changeChat(chat: ChatTarget, action: PhoneChatAction): number {
    return this.#writeAppState(chatActionMutation(typeof chat === "string" ? chat : chat.jid, action));
  }

  #writeAppState(m: {
    collection: CollectionName;
    index: string[];
    value: proto.ISyncActionValue;
    apiVersion: number;
  }): number {
    const version = this.appState.write(m.collection, m.index, m.value, m.apiVersion);
    this.#host.appStateChanged(this, m.collection);
    return version;
  }

  /** A chat's archive/pin/mute/unread settings as the account's app state holds them. */
  chatSettings(chat: ChatTarget): ChatSettings {
    return chatSettings(this.appState, typeof chat === "string" ? chat : chat.jid);
  }

  // ---- Labels (WhatsApp Business, issue #21): app state too ----
  /** Creates, edits or (with `deleted`) deletes a label on the phone; companions sync it. Returns the patch version. */
  saveLabel(label: Omit<SimLabel, "deleted"> & { deleted?: boolean }): number {
    return this.#writeAppState(labelEditMutation(label));
  }

  /** Puts a label on a chat (or a message of it), or takes it off, on the phone. */
  labelChat(chat: ChatTarget, labelId: string, labeled: boolean, messageId?: string): number {
    return this.#writeAppState(
      labelAssociationMutation(labelId, typeof chat === "string" ? chat : chat.jid, labeled, messageId),
    );
  }

  /** Every label the account holds (deleted ones flagged), oldest id first. */
  labels(): SimLabel[] {
    return labelsOf(this.appState);
  }

  /** The live labels on a chat, or on one of its messages. */
  chatLabels(chat: ChatTarget, messageId?: string): string[] {
    return chatLabelsOf(this.appState, typeof chat === "string" ? chat : chat.jid, messageId);
  }

  /** Messages pinned in this phone's chats by what it received: id → pinned until (ms since the epoch). */
  pinnedMessages(): Record<string, number> {
    return pinnedMessages(this.inbox.all);
  }

  /** The next app-state change (a client's upload or the phone's own) matching `filter`. */
  nextAppStateChange(
    opts: { timeoutMs?: number; filter?: (m: AppStateMutation) => boolean } = {},
  ): Promise<AppStateMutation> {
    return this.appState.mutations.next(opts.filter, opts.timeoutMs, `an app-state change of ${this.pn}`);
  }

  // ---- Profile (what contacts see) ----
  /** Sets (or with `null` removes) the picture; clients of other accounts get a `picture` notification. */
  setPicture(jpeg: Uint8Array | null): void {
    this.profile.picture = jpeg ? { id: String(Date.now()), data: Buffer.from(jpeg) } : undefined;
    this.#host.pictureChanged(this);
  }

  setAbout(about: string): void {
    this.profile.about = about;
    this.profile.aboutSetAt = Math.floor(Date.now() / 1000);
  }

  /** Makes this a business account with this profile (`w:biz` answers it). */
  setBusiness(business: SimBusinessProfile | undefined): void {
    this.profile.business = business;
  }

  /** The push name other users see: the account's app-state `setting_pushName` once set (by a client too). */
  get name(): string {
    return this.appState.value(["setting_pushName"])?.pushNameSetting?.name ?? this.#name;
  }

  /** Renames the account on the phone (an app-state write its clients sync). */
  setName(name: string): void {
    this.appState.write("critical_block", ["setting_pushName"], { pushNameSetting: { name } }, 1);
    this.#host.appStateChanged(this, "critical_block");
  }

  /** Blocks or unblocks `other` from the phone; the account's linked clients hear of it. */
  block(other: SimPhone, blocked = true): void {
    if (blocked) this.profile.blocked.set(other.lidJid, other.jid);
    else this.profile.blocked.delete(other.lidJid);
    this.#host.blockChanged(this, other.lidJid, blocked ? "block" : "unblock");
  }

  // ---- Observing clients ----
  /** The next message a client sent to this phone (in arrival order). */
  nextMessage(opts: { timeoutMs?: number; filter?: (m: ReceivedMessage) => boolean } = {}): Promise<ReceivedMessage> {
    return this.inbox.next(opts.filter, opts.timeoutMs, `a message to ${this.pn}`);
  }

  nextReceipt(opts: { timeoutMs?: number; filter?: (r: ClientReceipt) => boolean } = {}): Promise<ClientReceipt> {
    return this.clientReceipts.next(opts.filter, opts.timeoutMs, `a receipt to ${this.pn}`);
  }

  nextPresence(opts: { timeoutMs?: number; filter?: (p: PresenceEvent) => boolean } = {}): Promise<PresenceEvent> {
    return this.presences.next(opts.filter, opts.timeoutMs, `a presence to ${this.pn}`);
  }

  /** Decrypts media a client sent (image/video/audio/document/sticker message). */
  downloadMedia(message: proto.IMessage): Promise<Buffer> {
    const m = message;
    const [ref, type]: [proto.Message.IImageMessage | null | undefined, MediaType] = m.imageMessage
      ? [m.imageMessage, "image"]
      : m.videoMessage
        ? [m.videoMessage, "video"]
        : m.audioMessage
          ? [m.audioMessage, "audio"]
          : m.documentMessage
            ? [m.documentMessage, "document"]
            : [m.stickerMessage, "sticker"];
    if (!ref) throw new Error("[multiwa-simulator] not a media message");
    return this.#host.media.decrypt(ref, type);
  }
}
