import { randomBytes } from "node:crypto";
import { CAPABILITIES, type Capability } from "../engine/capabilities.js";
import { PROXY_PROTOCOLS } from "../proxy/schema.js";
import type { BusinessTemplate, BusinessTemplateDraft } from "../engine/business-template-types.js";
import type { AboutInfo, BusinessProfile, IdMapping, NumberCheck, PrivacySettings } from "../engine/directory.js";
import type {
  DisconnectReason,
  Engine,
  EngineContent,
  EngineEventName,
  EngineEvents,
  EngineSession,
  EngineSessionContext,
  EngineSendOptions,
  GroupInfo,
  InboundContent,
  ParticipantAction,
  ParticipantResult,
  PinDuration,
  PresenceState,
  ResolvedMedia,
  WAMessage,
} from "../engine/types.js";
import type { GroupJoinRequest, GroupJoinResult, GroupPatch, GroupRequestAction } from "../engine/group-types.js";
import { MultiWAError } from "../errors.js";
import { MockAccount } from "./mock-directory.js";
import type { MessageRef } from "../schemas/message.js";
import { mockChats } from "./mock-chats.js";
import { mockLabels } from "./mock-labels.js";
import type { EngineLabel } from "../engine/label-types.js";
import { describeStatus, type EngineStatusContent } from "../engine/status-types.js";
import type { ChannelInfo, ChannelLookup, ChannelMessage, EngineChannelContent } from "../engine/channel-types.js";
import { MockNetwork, phoneOf, userJid, type MockEndpoint } from "./mock-network.js";

const ENGINE_NAME = "mock";

export interface MockEngineOptions {
  /** The shared in-memory WhatsApp; sessions on the same network can message each other. */
  network?: MockNetwork;
  /** Declare only these capabilities (default: all), to exercise capability errors. */
  capabilities?: readonly Capability[];
  /** Pair at once as this phone number instead of showing a QR. */
  autoPair?: string;
  /** How often the QR rotates. @default 20000 */
  qrIntervalMs?: number;
  /** QRs shown before giving up with `timed_out`. @default 5 */
  maxQrCodes?: number;
}

interface MockCreds {
  phone: string;
}

/** An in-memory engine for unit tests and demos: full capability set, no network. */
export function mockEngine(options: MockEngineOptions = {}): Engine & { network: MockNetwork } {
  const network = options.network ?? new MockNetwork();
  return {
    name: ENGINE_NAME,
    network,
    capabilities: options.capabilities ?? CAPABILITIES,
    // No network to route: it takes every proxy and notes which one each attempt got (`network.proxyLog`).
    proxySupport: { protocols: PROXY_PROTOCOLS, credentials: PROXY_PROTOCOLS },
    createSession: (context) => new MockSession(network, context, options),
  };
}

class MockSession implements EngineSession, MockEndpoint {
  private linkedPhone?: string;
  private qrTimer?: NodeJS.Timeout;
  private pendingTokens: string[] = [];
  private closed = false;
  private readonly account: MockAccount;
  private stopDirectoryEvents?: () => void;
  private unsubscribeChats?: () => void;
  private unsubscribeLabels?: () => void;

  constructor(
    private readonly network: MockNetwork,
    private readonly ctx: EngineSessionContext,
    private readonly options: MockEngineOptions,
  ) {
    this.account = new MockAccount(network.directory, () => this.requireOpen());
  }

  get phone(): string {
    return this.linkedPhone ?? "";
  }

  async connect(): Promise<void> {
    this.closed = false;
    this.network.proxyLog.push({ profileId: this.ctx.profileId, ...(this.ctx.proxy ? { proxy: this.ctx.proxy } : {}) });
    this.ctx.emit("connection.update", { state: "connecting" });
    const creds = await this.ctx.storage.getItem<MockCreds>("creds");
    if (creds?.phone) return this.open(creds.phone);
    if (this.options.autoPair) return this.pair(this.options.autoPair);
    this.showQr(1);
  }

  async disconnect(): Promise<void> {
    this.close("closed");
  }

  async logout(): Promise<void> {
    await this.ctx.storage.removeItem("creds");
    this.close("logged_out");
  }

  async requestPairingCode(phone: string): Promise<string> {
    if (this.linkedPhone) throw new MultiWAError("VALIDATION_FAILED", "Already logged in", { scope: ENGINE_NAME });
    const code = randomBytes(4).toString("hex").toUpperCase();
    this.offer(code, (p) => void this.pair(p), phoneOf(phone));
    return code;
  }

  async send(to: string, content: EngineContent, options: EngineSendOptions): Promise<WAMessage> {
    const phone = this.requireOpen();
    // A forward carries the original content; like WhatsApp, forwarding one's own message does not count.
    const score = content.type === "forward" ? (content.message.forwarded ?? 0) + (content.message.fromMe ? 0 : 1) : 0;
    const message: WAMessage = {
      id: options.id,
      chatId: to,
      sender: userJid(phone),
      fromMe: true,
      timestamp: Date.now(),
      content: content.type === "forward" ? content.message.content : toInbound(content),
      ...(options.quotedId ? { quotedId: options.quotedId } : {}),
      ...(score > 0 ? { forwarded: score } : {}),
    };
    const media =
      "media" in content
        ? content.media.data
        : content.type === "forward"
          ? this.network.mediaOf(content.message.id)
          : undefined;
    this.network.deliver(phone, message, media, this);
    return message;
  }

  async sendPresence(state: PresenceState, to?: string): Promise<void> {
    const phone = this.requireOpen();
    if (to) this.network.presence(phone, to, state);
  }

  async markRead(chatId: string, ids: string[], sender?: string): Promise<void> {
    this.network.receipt("read", phoneOf(sender ?? chatId), chatId, ids, this.requireOpen());
  }

  async groupCreate(subject: string, participants: string[]): Promise<GroupInfo> {
    return this.network.groups.create(this.requireOpen(), subject, participants);
  }

  async groupInfo(groupId: string): Promise<GroupInfo> {
    this.requireOpen();
    return this.network.groups.info(groupId);
  }

  async groupParticipants(
    groupId: string,
    action: ParticipantAction,
    participants: string[],
  ): Promise<ParticipantResult[]> {
    return this.network.groups.updateParticipants(groupId, this.requireOpen(), action, participants);
  }

  async groupInviteCode(groupId: string): Promise<string> {
    return this.network.groups.inviteCode(groupId, this.requireOpen());
  }

  async groupLeave(groupId: string): Promise<void> {
    this.network.groups.leave(groupId, this.requireOpen());
  }

  // Group administration and calls (groups helper, issue #20)
  async groupList(): Promise<GroupInfo[]> {
    return this.network.groups.list(this.requireOpen());
  }

  async groupUpdate(groupId: string, patch: GroupPatch): Promise<void> {
    this.network.groups.update(groupId, this.requireOpen(), patch);
  }

  async groupSetPicture(groupId: string, picture: ResolvedMedia | null): Promise<void> {
    this.network.groups.setPicture(groupId, this.requireOpen(), picture?.data ?? null);
  }

  async groupJoin(code: string): Promise<GroupJoinResult> {
    return this.network.groups.join(code, this.requireOpen());
  }

  async groupInviteInfo(code: string): Promise<GroupInfo> {
    this.requireOpen();
    return this.network.groups.inviteInfo(code);
  }

  async groupRevokeInvite(groupId: string): Promise<string> {
    return this.network.groups.revokeInvite(groupId, this.requireOpen());
  }

  async groupRequests(groupId: string): Promise<GroupJoinRequest[]> {
    return this.network.groups.requests(groupId, this.requireOpen());
  }

  async groupRequestsUpdate(
    groupId: string,
    action: GroupRequestAction,
    participants: string[],
  ): Promise<ParticipantResult[]> {
    return this.network.groups.decideRequests(groupId, this.requireOpen(), action, participants);
  }

  async rejectCall(callId: string): Promise<void> {
    this.network.calls.reject(callId, this.requireOpen());
  }

  async downloadMedia(message: WAMessage): Promise<Uint8Array> {
    this.requireOpen();
    return this.network.downloadMedia(message.id);
  }

  // --- Directory and own account (mock-directory.ts) ---

  checkNumbers(phones: string[]): Promise<NumberCheck[]> {
    return this.account.checkNumbers(phones);
  }

  resolveIds(ids: string[]): Promise<IdMapping[]> {
    return this.account.resolveIds(ids);
  }

  profilePictureUrl(jid: string): Promise<string | undefined> {
    return this.account.profilePictureUrl(jid);
  }

  contactAbout(jid: string): Promise<AboutInfo | undefined> {
    return this.account.contactAbout(jid);
  }

  businessProfile(jid: string): Promise<BusinessProfile | undefined> {
    return this.account.businessProfile(jid);
  }

  setBlocked(jid: string, blocked: boolean): Promise<void> {
    return this.account.setBlocked(jid, blocked);
  }

  blocklist(): Promise<string[]> {
    return this.account.blocklist();
  }

  setProfileName(name: string): Promise<void> {
    return this.account.setProfileName(name);
  }

  setProfileAbout(about: string): Promise<void> {
    return this.account.setProfileAbout(about);
  }

  setProfilePicture(image: ResolvedMedia | null): Promise<void> {
    return this.account.setProfilePicture(image);
  }

  privacy(update?: PrivacySettings): Promise<PrivacySettings> {
    return this.account.privacy(update);
  }

  // --- Chats (mock-chats.ts) ---

  async archiveChat(chatId: string, archived: boolean): Promise<void> {
    this.chats().change(chatId, { type: "archive", archived });
  }

  async pinChat(chatId: string, pinned: boolean): Promise<void> {
    this.chats().change(chatId, { type: "pin", pinned });
  }

  async muteChat(chatId: string, until: number | null): Promise<void> {
    this.chats().change(chatId, { type: "mute", until });
  }

  async markChatUnread(chatId: string, unread: boolean): Promise<void> {
    this.chats().change(chatId, { type: "markUnread", unread });
  }

  async deleteChat(chatId: string): Promise<void> {
    this.chats().change(chatId, { type: "delete" });
  }

  async clearChat(chatId: string): Promise<void> {
    this.chats().change(chatId, { type: "clear" });
  }

  async starMessage(chatId: string, message: MessageRef, starred: boolean): Promise<void> {
    this.chats().star(chatId, message, starred);
  }

  async pinMessage(chatId: string, message: MessageRef, seconds: PinDuration | null): Promise<void> {
    this.chats().pin(chatId, message, seconds);
  }

  // --- History sync (issue #21) ---

  /** The mock phone keeps no older messages: the answer is an empty on-demand import, a moment later. */
  async fetchHistory(chatId: string): Promise<{ requestId: string }> {
    const requestId = `MOCKHIST${randomBytes(6).toString("hex").toUpperCase()}`;
    const batch = { syncType: "on_demand" as const, messages: [], chats: [{ id: chatId }], contacts: [], requestId };
    setTimeout(() => void this.ctx.importHistory?.(batch).catch(() => undefined), 10);
    return { requestId };
  }

  // --- Status (mock-status.ts) ---

  async postStatus(content: EngineStatusContent, recipients: string[], options: { id: string }) {
    const status = this.network.statuses.post(this.requireOpen(), describeStatus(content), recipients, options.id);
    return { timestamp: status.timestamp };
  }

  async deleteStatus(id: string): Promise<void> {
    this.network.statuses.delete(this.requireOpen(), id);
  }

  // --- Channels (mock-channels.ts) ---

  async channelCreate(input: { name: string; description?: string }): Promise<ChannelInfo> {
    const phone = this.requireOpen();
    return this.network.channels.info(this.network.channels.create(phone, input.name, input.description), phone);
  }

  async channelInfo(lookup: ChannelLookup): Promise<ChannelInfo> {
    const phone = this.requireOpen();
    return this.network.channels.info(this.network.channels.find(lookup), phone);
  }

  async channelList(): Promise<ChannelInfo[]> {
    return this.network.channels.of(this.requireOpen());
  }

  async channelFollow(channelId: string): Promise<void> {
    this.network.channels.follow(this.requireOpen(), channelId);
  }

  async channelUnfollow(channelId: string): Promise<void> {
    this.network.channels.unfollow(this.requireOpen(), channelId);
  }

  async channelMute(channelId: string, muted: boolean): Promise<void> {
    this.network.channels.mute(this.requireOpen(), channelId, muted);
  }

  async channelSend(channelId: string, content: EngineChannelContent, options: { id: string }) {
    const post = this.network.channels.post(this.requireOpen(), channelId, toInbound(content), options.id);
    return { id: post.id, timestamp: post.timestamp };
  }

  async channelMessages(channelId: string, options: { count: number; before?: string }): Promise<ChannelMessage[]> {
    this.requireOpen();
    return this.network.channels.messages(channelId, options);
  }

  async channelAdminCount(channelId: string): Promise<number> {
    this.requireOpen();
    return this.network.channels.find({ jid: channelId }).admins.size;
  }
  // --- Labels (mock-labels.ts) ---

  async saveLabel(label: EngineLabel): Promise<void> {
    mockLabels(this.network, this.requireOpen()).save(label);
  }

  async labelChat(chatId: string, labelId: string, labeled: boolean): Promise<void> {
    mockLabels(this.network, this.requireOpen()).associate({ labelId, chatId, labeled });
  }

  async labelMessage(chatId: string, messageId: string, labelId: string, labeled: boolean): Promise<void> {
    mockLabels(this.network, this.requireOpen()).associate({ labelId, chatId, messageId, labeled });
  }

  // --- The official platform's templates (mock-templates.ts) ---

  async listBusinessTemplates(): Promise<BusinessTemplate[]> {
    return this.network.templates.list(this.requireOpen());
  }

  async createBusinessTemplate(draft: BusinessTemplateDraft): Promise<BusinessTemplate> {
    return this.network.templates.create(this.requireOpen(), draft);
  }

  async deleteBusinessTemplate(name: string): Promise<void> {
    this.network.templates.remove(this.requireOpen(), name);
  }

  // --- MockEndpoint: what the network calls ---

  receive(message: WAMessage): void {
    // An event's answer is no chat message, as on Baileys (#21).
    if (message.content.type === "event_response") {
      this.ctx.emit("event.response", {
        chatId: message.chatId,
        eventId: message.content.target.id,
        responder: message.sender,
        response: message.content.response,
        timestamp: message.timestamp,
      });
      return;
    }
    const event =
      message.content.type === "reaction"
        ? "message.reaction"
        : message.content.type === "delete"
          ? "message.revoked"
          : undefined;
    if (event === "message.reaction" && message.content.type === "reaction") {
      this.ctx.emit(event, {
        chatId: message.chatId,
        sender: message.sender,
        target: message.content.target,
        emoji: message.content.emoji,
        timestamp: message.timestamp,
      });
    } else if (event === "message.revoked" && message.content.type === "delete") {
      this.ctx.emit(event, { chatId: message.chatId, id: message.content.target.id, sender: message.sender });
    } else if (message.content.type === "edit") {
      this.ctx.emit("message.edited", {
        chatId: message.chatId,
        id: message.content.target.id,
        sender: message.sender,
        text: message.content.text,
      });
    }
    this.ctx.emit(message.fromMe ? "message.sent" : "message.received", message);
  }

  receipt(kind: "delivered" | "read", chatId: string, ids: string[], by: string): void {
    this.ctx.emit(kind === "delivered" ? "message.delivered" : "message.read", {
      chatId,
      ids,
      by,
      timestamp: Date.now(),
    });
  }

  presence(chatId: string, participant: string, state: PresenceState): void {
    this.ctx.emit("presence", { chatId, participant, state });
  }

  event<K extends EngineEventName>(event: K, payload: EngineEvents[K]): void {
    this.ctx.emit(event, payload);
  }

  kicked(reason: DisconnectReason): void {
    if (reason === "logged_out") void this.ctx.storage.removeItem("creds");
    this.stopDirectoryEvents?.();
    this.unsubscribeChats?.();
    this.unsubscribeLabels?.();
    this.linkedPhone = undefined;
    this.ctx.emit("connection.update", { state: "close", reason });
  }

  // --- Internal helpers ---

  private showQr(n: number): void {
    if (this.closed) return;
    if (n > (this.options.maxQrCodes ?? 5)) return this.close("timed_out");
    const qr = `MOCKQR:${this.ctx.profileId}:${n}:${randomBytes(6).toString("hex")}`;
    this.offer(qr, (p) => void this.pair(p));
    this.ctx.emit("qr", { qr });
    this.qrTimer = setTimeout(() => this.showQr(n + 1), this.options.qrIntervalMs ?? 20_000);
    this.qrTimer.unref?.();
  }

  private offer(token: string, complete: (phone: string) => void, phone?: string): void {
    this.pendingTokens.push(token);
    this.network.offerPairing(token, { complete, ...(phone ? { phone } : {}) });
  }

  private async pair(phone: string): Promise<void> {
    this.clearPending();
    await this.ctx.storage.setItem<MockCreds>("creds", { phone });
    this.open(phone);
  }

  private open(phone: string): void {
    if (this.closed) return;
    this.linkedPhone = phone;
    this.network.attach(this);
    this.stopDirectoryEvents = this.network.directory.onChange((other, change) => {
      if (other !== phone) this.ctx.emit("contact.update", { jid: userJid(other), ...change });
    });
    this.unsubscribeChats = mockChats(this.network, phone).subscribe({
      chat: (event) => this.ctx.emit("chat.update", event),
      star: (event) => this.ctx.emit("message.starred", event),
    });
    this.unsubscribeLabels = mockLabels(this.network, phone).subscribe({
      label: (event) => this.ctx.emit("label.update", event),
      association: (event) => this.ctx.emit("label.association", event),
    });
    this.ctx.emit("connection.update", { state: "open", me: { jid: userJid(phone) } });
  }

  private close(reason: DisconnectReason): void {
    if (this.closed) return;
    this.closed = true;
    this.clearPending();
    this.network.detach(this);
    this.stopDirectoryEvents?.();
    this.unsubscribeChats?.();
    this.unsubscribeLabels?.();
    this.linkedPhone = undefined;
    this.ctx.emit("connection.update", { state: "close", reason });
  }

  private clearPending(): void {
    clearTimeout(this.qrTimer);
    for (const token of this.pendingTokens) this.network.withdrawPairing(token);
    this.pendingTokens = [];
  }

  private chats() {
    return mockChats(this.network, this.requireOpen());
  }

  private requireOpen(): string {
    if (!this.linkedPhone)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", "The mock session is not connected", { scope: ENGINE_NAME });
    return this.linkedPhone;
  }
}

function toInbound(content: EngineContent): InboundContent {
  switch (content.type) {
    case "image":
    case "video":
    case "sticker":
    case "audio":
    case "document": {
      const { media, ...rest } = content;
      return { ...rest, mimetype: media.mimetype, size: media.data.byteLength };
    }
    case "interactive":
    case "template":
      return { type: "unknown", raw: content.type };
    case "forward":
      return content.message.content;
    default:
      return content;
  }
}

export { MockNetwork, MockPhone } from "./mock-network.js";
export { MockChatAccount, mockChats, type MockChatSettings } from "./mock-chats.js";
export { MockLabelAccount, mockLabels } from "./mock-labels.js";
export default mockEngine;
