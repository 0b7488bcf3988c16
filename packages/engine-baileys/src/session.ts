import type { Agent } from "node:https";
import {
  type ChatAction,
  type EngineLabel,
  MultiWAError,
  normalizeUserJid,
  type AboutInfo,
  type AccountInfo,
  type BusinessProfile,
  type IdMapping,
  type NumberCheck,
  type PrivacySettings,
  type ResolvedMedia,
  type DisconnectReason,
  type EngineContent,
  type EngineSendOptions,
  type EngineSession,
  type EngineSessionContext,
  type GroupInfo,
  type GroupJoinRequest,
  type GroupJoinResult,
  type GroupPatch,
  type GroupRequestAction,
  type MessageRef,
  type ParticipantAction,
  type ParticipantResult,
  type PresenceState,
  type WAMessage,
  type PinDuration,
  type EngineStatusContent,
  type ChannelInfo,
  type ChannelLookup,
  type ChannelMessage,
  type EngineChannelContent,
  type HistoryFetchRequest,
} from "@multiwa/core";
import type {
  BaileysEventMap,
  proto,
  SignalKeyStore,
  WAMessage as BaileysMessage,
  WAMessageKey,
  WASocket,
} from "@whiskeysockets/baileys";
import * as account from "./account.js";
import { useStorageAuthState, type StorageAuthState } from "./auth-state.js";
import { EndedCalls, mapCalls } from "./calls.js";
import * as directory from "./directory.js";
import { HistorySync } from "./history.js";
import { withLidPhones } from "./lid-phones.js";
import { DirectoryListener } from "./listen-directory.js";
import * as chats from "./chats.js";
import * as labels from "./labels.js";
import { disconnectReason } from "./disconnect.js";
import type { ConnectSlots } from "./connect-slots.js";
import { guardEventFlush, type FlushGuard } from "./flush-guard.js";
import * as groupAdmin from "./group-admin.js";
import * as groups from "./groups.js";
import { mapEvents } from "./listen.js";
import { reportRefusal } from "./limits.js";
import { loadBaileys, type Baileys } from "./load.js";
import { downloadThroughAgent, REUPLOAD_STATUSES } from "./media.js";
import { MessageCache } from "./message-cache.js";
import { forwardContent, pinContent } from "./message-actions.js";
import { originalMessage, saveMediaRef } from "./media-refs.js";
import type { ResolvedOptions } from "./options.js";
import { toBaileysContent } from "./outbound.js";
import { decryptVote } from "./poll-votes.js";
import { decryptEventResponse, eventResponseMessage } from "./events.js";
import { LiveShares } from "./live-location.js";
import { proxyAgent, proxyLabel } from "./proxy.js";
import { trackStanzaHandling, type StanzaHandling } from "./stanza-handling.js";
import * as status from "./status.js";
import * as channels from "./channels.js";
import { toWAMessage } from "./wa-message.js";

const SCOPE = "baileys";
const USER_SUFFIX = "@s.whatsapp.net";
/** How long a stop waits for the stanzas Baileys is still handling. */
const STOP_DRAIN_MS = 2_000;

/**
 * Baileys' cache in front of our store, except for pre-keys: 812 are written at the first login and
 * only a handful read later, so caching them kept ~1 MB per session alive for minutes.
 */
function cacheKeys(baileys: Baileys, store: SignalKeyStore, logger: never): SignalKeyStore {
  const cached = baileys.makeCacheableSignalKeyStore(store, logger);
  return {
    get: (type, ids) => (type === "pre-key" ? store.get(type, ids) : cached.get(type, ids)),
    async set(data) {
      const { "pre-key": preKeys, ...rest } = data;
      await Promise.all([
        preKeys && store.set({ "pre-key": preKeys }),
        Object.keys(rest).length > 0 && cached.set(rest),
      ]);
    },
  };
}

/**
 * One connection attempt of one profile over one Baileys socket. It never reconnects by itself:
 * every close is reported with a reason and the core's runtime opens a new session if it wants.
 */
export class BaileysSession implements EngineSession {
  private baileys?: Baileys;
  private sock?: WASocket;
  private auth?: StorageAuthState;
  private unsubscribe?: () => void;
  private flushGuard?: FlushGuard;
  private handling?: StanzaHandling;
  private history?: HistorySync;
  private account?: AccountInfo;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly cache: MessageCache;
  private readonly endedCalls = new EndedCalls();
  private readonly liveShares = new LiveShares();
  /** call id → the JID WhatsApp offered it from (often a LID); rejectCall must answer that one. */
  private readonly callers = new Map<string, string>();
  private qrShown!: () => void;
  private qrNever!: (error: Error) => void;
  private readonly firstQr = new Promise<void>(
    (resolve, reject) => ((this.qrShown = resolve), (this.qrNever = reject)),
  );

  /** The profile's proxy for this attempt (the WebSocket, uploads, downloads); else the engine's `fetchAgent`. */
  private readonly agent?: Agent;

  private releaseSlot = () => {};
  private readonly directoryEvents: DirectoryListener;

  constructor(
    private readonly ctx: EngineSessionContext,
    private readonly options: ResolvedOptions,
    private readonly slots: ConnectSlots,
  ) {
    this.cache = new MessageCache(options.messageCacheSize);
    if (ctx.proxy) this.agent = proxyAgent(ctx.proxy, options.fetchAgent);
    this.directoryEvents = new DirectoryListener(ctx, this.lookup);
  }

  async connect(): Promise<void> {
    const baileys = (this.baileys = await loadBaileys());
    const auth = (this.auth = await useStorageAuthState(this.ctx.storage, baileys, {
      keyWriteWindowMs: this.options.keyWriteWindowMs,
      onError: (e) => this.ctx.logger.error("could not store Signal keys (retrying)", e),
    }));
    if (this.closed) return;
    this.ctx.emit("connection.update", { state: "connecting" });
    // The socket opens once a login slot is free; connect() does not wait for it, so starting many
    // profiles (a restore) returns at once. The slot is held until open, the first QR, or close.
    void this.slots.acquire().then((release) => {
      this.releaseSlot = release;
      if (this.closed) return release();
      try {
        this.openSocket(baileys, auth);
      } catch (error) {
        this.ctx.logger.warn("could not create the Baileys socket", error);
        void this.close("connection_lost");
      }
    });
  }

  async disconnect(): Promise<void> {
    if (this.closed) return;
    // A stanza cut off mid-handling may be lost for good (stanza-handling.ts).
    await this.handling?.idle(STOP_DRAIN_MS);
    if (this.closed) return;
    await this.close("closed", () => this.sock?.end(undefined));
  }

  async logout(): Promise<void> {
    this.auth?.discard();
    const sock = this.sock;
    if (!sock || this.closed) return;
    await this.close("logged_out", () =>
      sock.logout().catch((e: unknown) => this.ctx.logger.warn("logout request failed", e)),
    );
  }

  async requestPairingCode(phone: string): Promise<string> {
    if (this.account) throw new MultiWAError("VALIDATION_FAILED", "Already logged in", { scope: SCOPE });
    // The request is an iq on the login stream; it exists once the server offered a QR.
    await this.firstQr;
    const sock = this.requireSocket();
    return sock.requestPairingCode(phone.replace(/\D/g, ""));
  }

  async send(to: string, content: EngineContent, options: EngineSendOptions): Promise<WAMessage> {
    const sock = this.requireOpen();
    if (content.type === "event_response") return this.answerEvent(sock, to, content, options.id);
    const quoted = options.quotedId ? this.quoted(to, options.quotedId) : undefined;
    const payload =
      content.type === "forward"
        ? forwardContent(await originalMessage(this.cache, this.ctx.mediaRefs, content.message), content.message)
        : toBaileysContent(content, (target, fromMe) => this.keyOf(to, target, fromMe), options.mentions);
    this.cache.markOwn(options.id);
    const sent = await sock.sendMessage(to, payload, { messageId: options.id, ...(quoted ? { quoted } : {}) });
    if (!sent) throw new MultiWAError("SEND_FAILED", `Baileys sent nothing for ${content.type}`, { scope: SCOPE });
    this.cache.add(sent, true);
    this.flushGuard?.schedule();
    const message = await toWAMessage(sent, this.account!.jid, this.lookup);
    await this.keepMediaRef(sent, message?.timestamp ?? Date.now());
    return (
      message ?? {
        id: options.id,
        chatId: to,
        sender: this.account!.jid,
        fromMe: true,
        timestamp: Date.now(),
        content: { type: "unknown" },
      }
    );
  }

  async sendPresence(state: PresenceState, to?: string): Promise<void> {
    await this.requireOpen().sendPresenceUpdate(state, to);
  }

  async markRead(chatId: string, ids: string[], sender?: string): Promise<void> {
    const participant = chatId.endsWith("@g.us") ? sender : undefined;
    // The cached key keeps WhatsApp's own addressing (an @lid chat we report by phone number).
    await this.requireOpen().readMessages(
      ids.map(
        (id) =>
          this.cache.get(id)?.key ?? { remoteJid: chatId, id, fromMe: false, ...(participant ? { participant } : {}) },
      ),
    );
  }

  groupCreate(subject: string, participants: string[]): Promise<GroupInfo> {
    return groups.groupCreate(this.requireOpen(), subject, participants);
  }

  groupInfo(groupId: string): Promise<GroupInfo> {
    return groups.groupInfo(this.requireOpen(), groupId);
  }

  groupParticipants(groupId: string, action: ParticipantAction, participants: string[]): Promise<ParticipantResult[]> {
    return groups.groupParticipants(this.requireOpen(), groupId, action, participants);
  }

  groupInviteCode(groupId: string): Promise<string> {
    return groups.groupInviteCode(this.requireOpen(), groupId);
  }

  async groupLeave(groupId: string): Promise<void> {
    await this.requireOpen().groupLeave(groupId);
  }

  // --- Chats: app-state patches (chats.ts) ---

  archiveChat(chatId: string, archived: boolean): Promise<void> {
    return this.modifyChat(chatId, { type: "archive", archived });
  }

  pinChat(chatId: string, pinned: boolean): Promise<void> {
    return this.modifyChat(chatId, { type: "pin", pinned });
  }

  muteChat(chatId: string, until: number | null): Promise<void> {
    return this.modifyChat(chatId, { type: "mute", until });
  }

  markChatUnread(chatId: string, unread: boolean): Promise<void> {
    return this.modifyChat(chatId, { type: "markUnread", unread });
  }

  deleteChat(chatId: string): Promise<void> {
    return this.modifyChat(chatId, { type: "delete" });
  }

  clearChat(chatId: string): Promise<void> {
    return this.modifyChat(chatId, { type: "clear" });
  }

  starMessage(chatId: string, message: MessageRef, starred: boolean): Promise<void> {
    return chats.starMessage(this.requireOpen(), chatId, message, starred);
  }

  // --- Labels (WhatsApp Business): app-state patches (labels.ts) ---

  saveLabel(label: EngineLabel): Promise<void> {
    return labels.saveLabel(this.requireOpen(), label);
  }

  labelChat(chatId: string, labelId: string, labeled: boolean): Promise<void> {
    return labels.labelChat(this.requireOpen(), chatId, labelId, labeled);
  }

  labelMessage(chatId: string, messageId: string, labelId: string, labeled: boolean): Promise<void> {
    return labels.labelMessage(this.requireOpen(), chatId, messageId, labelId, labeled);
  }

  async pinMessage(chatId: string, message: MessageRef, seconds: PinDuration | null): Promise<void> {
    const sock = this.requireOpen();
    await sock.sendMessage(chatId, pinContent(this.keyOf(chatId, message, false), seconds));
  }

  // --- Status (stories, issue #21): status.ts ---

  postStatus(
    content: EngineStatusContent,
    recipients: string[],
    options: { id: string },
  ): Promise<{ timestamp: number }> {
    this.cache.markOwn(options.id);
    return status.postStatus(this.requireOpen(), content, recipients, options.id);
  }

  deleteStatus(id: string, recipients: string[]): Promise<void> {
    return status.deleteStatus(this.requireOpen(), id, recipients);
  }

  // --- Channels (newsletters, issue #21): channels.ts ---

  channelCreate(input: { name: string; description?: string }): Promise<ChannelInfo> {
    return channels.channelCreate(this.requireOpen(), input);
  }

  channelInfo(lookup: ChannelLookup): Promise<ChannelInfo> {
    return channels.channelInfo(this.requireOpen(), lookup);
  }

  channelList(): Promise<ChannelInfo[]> {
    return channels.channelList(this.requireOpen());
  }

  async channelFollow(channelId: string): Promise<void> {
    await this.requireOpen().newsletterFollow(channelId);
  }

  async channelUnfollow(channelId: string): Promise<void> {
    await this.requireOpen().newsletterUnfollow(channelId);
  }

  channelMute(channelId: string, muted: boolean): Promise<void> {
    return channels.channelMute(this.requireOpen(), channelId, muted);
  }

  channelSend(channelId: string, content: EngineChannelContent, options: { id: string }) {
    this.cache.markOwn(options.id);
    return channels.channelSend(this.requireOpen(), channelId, content, options.id);
  }

  channelMessages(channelId: string, options: { count: number; before?: string }): Promise<ChannelMessage[]> {
    return channels.channelMessages(this.baileys!, this.requireOpen(), channelId, options);
  }

  channelAdminCount(channelId: string): Promise<number> {
    return this.requireOpen().newsletterAdminCount(channelId);
  }

  // Group administration and calls (groups helper, issue #20)
  groupList(): Promise<GroupInfo[]> {
    return groupAdmin.groupList(this.requireOpen());
  }

  groupUpdate(groupId: string, patch: GroupPatch): Promise<void> {
    return groupAdmin.groupUpdate(this.requireOpen(), groupId, patch);
  }

  groupSetPicture(groupId: string, picture: ResolvedMedia | null): Promise<void> {
    return groupAdmin.groupSetPicture(this.requireOpen(), groupId, picture);
  }

  groupJoin(code: string): Promise<GroupJoinResult> {
    return groupAdmin.groupJoin(this.requireOpen(), code);
  }

  groupInviteInfo(code: string): Promise<GroupInfo> {
    return groupAdmin.groupInviteInfo(this.requireOpen(), code);
  }

  groupRevokeInvite(groupId: string): Promise<string> {
    return groupAdmin.groupRevokeInvite(this.requireOpen(), groupId);
  }

  groupRequests(groupId: string): Promise<GroupJoinRequest[]> {
    return groupAdmin.groupRequests(this.requireOpen(), groupId);
  }

  groupRequestsUpdate(
    groupId: string,
    action: GroupRequestAction,
    participants: string[],
  ): Promise<ParticipantResult[]> {
    return groupAdmin.groupRequestsUpdate(this.requireOpen(), groupId, action, participants);
  }

  /** `from` is the caller as `call.received` named it; WhatsApp wants the JID the offer came from. */
  async rejectCall(callId: string, from: string): Promise<void> {
    await this.requireOpen().rejectCall(callId, this.callers.get(callId) ?? from);
    this.callers.delete(callId);
    if (this.endedCalls.first(callId))
      this.ctx.emit("call.ended", { callId, from, reason: "rejected", timestamp: Date.now() });
  }

  async downloadMedia(message: WAMessage): Promise<Uint8Array> {
    const sock = this.requireOpen();
    const info = await originalMessage(this.cache, this.ctx.mediaRefs, message);
    if (!info)
      throw new MultiWAError(
        "MESSAGE_NOT_FOUND",
        `Message "${message.id}" is neither in the engine's recent-message cache nor has a stored media reference`,
        { scope: SCOPE },
      );
    const agent = this.agent ?? this.options.fetchAgent;
    if (agent) {
      // Baileys' own download uses fetch, which would ignore the agent (and its CA).
      return downloadThroughAgent(this.baileys!, info as BaileysMessage, agent, this.agent).catch(
        async (error: unknown) => {
          if (!REUPLOAD_STATUSES.includes(Number((error as MultiWAError).details?.status))) throw error;
          const renewed = await sock.updateMediaMessage(info as BaileysMessage);
          return downloadThroughAgent(this.baileys!, renewed, agent, this.agent);
        },
      );
    }
    return this.baileys!.downloadMediaMessage(
      info as BaileysMessage,
      "buffer",
      {},
      {
        logger: this.options.logger as never,
        reuploadRequest: (m) => sock.updateMediaMessage(m),
      },
    );
  }

  // --- History sync (issue #21): history.ts ---

  fetchHistory(chatId: string, request: HistoryFetchRequest): Promise<{ requestId: string }> {
    this.requireOpen();
    return this.history!.fetch(chatId, request.count, request.oldest);
  }

  // --- Directory and own account (directory.ts, account.ts) ---

  checkNumbers(phones: string[]): Promise<NumberCheck[]> {
    return directory.checkNumbers(this.baileys!, this.requireOpen(), phones);
  }

  resolveIds(ids: string[]): Promise<IdMapping[]> {
    return directory.resolveIds(this.requireOpen(), ids);
  }

  profilePictureUrl(jid: string): Promise<string | undefined> {
    return directory.profilePictureUrl(this.requireOpen(), jid);
  }

  contactAbout(jid: string): Promise<AboutInfo | undefined> {
    return directory.contactAbout(this.requireOpen(), jid);
  }

  businessProfile(jid: string): Promise<BusinessProfile | undefined> {
    return directory.businessProfile(this.requireOpen(), jid);
  }

  setBlocked(jid: string, blocked: boolean): Promise<void> {
    return directory.setBlocked(this.requireOpen(), jid, blocked);
  }

  blocklist(): Promise<string[]> {
    return directory.blocklist(this.requireOpen());
  }

  setProfileName(name: string): Promise<void> {
    return account.setProfileName(this.requireOpen(), name);
  }

  setProfileAbout(about: string): Promise<void> {
    return account.setProfileAbout(this.requireOpen(), about);
  }

  setProfilePicture(image: ResolvedMedia | null): Promise<void> {
    return account.setProfilePicture(this.requireOpen(), image);
  }

  privacy(update?: PrivacySettings): Promise<PrivacySettings> {
    return account.privacy(this.requireOpen(), update);
  }

  // --- Internal helpers ---

  private openSocket(baileys: Baileys, auth: StorageAuthState): void {
    const { fetchAgent, browser, waWebSocketUrl, socketConfig } = this.options;
    const logger = this.options.logger.child({ profile: this.ctx.profileId }) as never;
    const days = Number(this.ctx.settings?.historyDays ?? 0);
    const history = (this.history = new HistorySync({
      ctx: this.ctx,
      baileys,
      // The socket even once closed: chunks already acked are still downloaded and imported.
      sock: () => this.sock!,
      me: () => this.account?.jid ?? normalizeUserJid(auth.state.creds.me?.id ?? ""),
      lookup: this.lookup,
      days,
      ...(this.agent || fetchAgent ? { agent: this.agent ?? fetchAgent } : {}),
      ...(this.agent ? { plainAgent: this.agent } : {}),
    }));
    this.sock = baileys.makeWASocket({
      ...(waWebSocketUrl ? { waWebSocketUrl } : {}),
      ...(this.agent ? { agent: this.agent, fetchAgent: this.agent } : fetchAgent ? { fetchAgent } : {}),
      ...(browser ? { browser } : {}),
      logger,
      auth: { creds: auth.state.creds, keys: cacheKeys(baileys, auth.state.keys, logger) },
      markOnlineOnConnect: false,
      // Asks the phone for its full history only when the profile imports some (issue #21).
      syncFullHistory: days > 0,
      shouldSyncHistoryMessage: history.shouldBaileysSync,
      getMessage: async (key) => this.cache.get(key.id)?.message ?? undefined,
      ...socketConfig,
    });
    this.flushGuard = guardEventFlush(this.sock);
    this.handling = trackStanzaHandling(this.sock);
    // History (#21) on its own listener, kept past close: WhatsApp sends it once, and Baileys acks each
    // notification before it reaches us, so one landing while the session closes must still be imported.
    this.sock.ev.on("messages.upsert", ({ messages }) => history.onUpsert(messages));
    // Baileys runs `process` handlers concurrently; keep our own order (creds before close).
    this.unsubscribe = this.sock.ev.process((events) => {
      this.queue = this.queue
        .then(() => this.onEvents(events))
        .catch((e: unknown) => this.ctx.logger.warn("event handling failed", e));
    });
  }

  private async onEvents(events: Partial<BaileysEventMap>): Promise<void> {
    // Credentials first, even after close: Baileys already acked what changed them (an app-state key
    // the phone shares once, right after linking), so a change dropped here would be lost for good.
    if (events["creds.update"]) {
      Object.assign(this.auth!.state.creds, events["creds.update"]);
      void this.auth!.saveCreds().catch((e: unknown) => this.ctx.logger.error("could not store credentials", e));
    }
    if (this.closed) return;
    const connection = events["connection.update"];
    if (connection?.qr) {
      this.releaseSlot(); // waiting for a person, not for the CPU
      this.ctx.emit("qr", { qr: connection.qr });
      this.qrShown();
    }
    await mapEvents(events, {
      ctx: await withLidPhones(this.ctx, events, this.lookup),
      cache: this.cache,
      me: () => this.account?.jid ?? normalizeUserJid(this.auth!.state.creds.me?.id ?? ""),
      lookup: this.lookup,
      decryptVote: async (vote) => this.decryptVote(vote),
      decryptAnswer: async (answer) => this.decryptAnswer(answer),
      liveShares: this.liveShares,
      // Asking WhatsApp about the account's limits is a round trip: not on the event queue.
      refused: (message) => {
        const sock = this.sock;
        if (sock)
          void reportRefusal(sock, this.ctx, message).catch((e: unknown) =>
            this.ctx.logger.warn("could not report a refused message", e),
          );
      },
    });
    await this.directoryEvents.map(events);
    if (events.call) {
      for (const call of events.call)
        call.status === "offer" ? this.callers.set(call.id, call.from) : this.callers.delete(call.id);
      await mapCalls(events.call, this.ctx, this.lookup, this.endedCalls);
    }
    if (connection?.connection === "open") this.open();
    if (connection?.connection === "close") {
      const error = connection.lastDisconnect?.error;
      await this.close(disconnectReason(error), undefined, this.describe(error));
    }
  }

  private open(): void {
    this.releaseSlot();
    const me = this.auth!.state.creds.me;
    if (!me) return;
    this.account = {
      jid: normalizeUserJid(me.id),
      ...(me.lid ? { lid: normalizeUserJid(me.lid) } : {}),
      ...(me.name && me.name !== "~" ? { name: me.name } : {}),
    };
    this.ctx.emit("connection.update", { state: "open", me: this.account });
  }

  /** Ends the socket once, stores what is queued, then reports why. */
  private async close(reason: DisconnectReason, end?: () => unknown, message?: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.account = undefined;
    this.releaseSlot();
    this.firstQr.catch(() => {});
    this.qrNever(
      new MultiWAError(
        "ENGINE_NOT_CONNECTED",
        `The connection closed (${reason}) before a pairing code could be requested`,
        { scope: SCOPE },
      ),
    );
    if (reason === "logged_out") this.auth?.discard();
    await end?.();
    this.unsubscribe?.();
    this.flushGuard?.stop();
    this.sock?.end(undefined);
    await this.auth?.flush().catch((e: unknown) => this.ctx.logger.error("could not store credentials", e));
    this.agent?.destroy();
    this.ctx.emit("connection.update", { state: "close", reason, ...(message ? { message } : {}) });
  }

  /** Why the socket closed, naming the proxy it went through (an unreachable proxy reads as one). */
  private describe(error: Error | undefined): string | undefined {
    if (!error?.message) return undefined;
    return this.ctx.proxy ? `${error.message} (through proxy ${proxyLabel(this.ctx.proxy)})` : error.message;
  }

  private readonly lookup = async (lid: string): Promise<string | undefined> =>
    (await this.sock?.signalRepository.lidMapping.getPNForLID(lid)) ?? undefined;

  /** A media message's reference, for forwards and downloads after a restart; losing it fails nothing now. */
  private keepMediaRef(info: proto.IWebMessageInfo, timestamp: number): Promise<void> {
    return saveMediaRef(this.ctx.mediaRefs, info, timestamp).catch((e: unknown) =>
      this.ctx.logger.warn("could not keep a media reference", e),
    );
  }

  private keyOf(chat: string, target: MessageRef, defaultFromMe: boolean): proto.IMessageKey {
    const cached = this.cache.get(target.id)?.key;
    if (cached)
      return {
        remoteJid: cached.remoteJid,
        id: cached.id,
        fromMe: cached.fromMe,
        ...(cached.participant ? { participant: cached.participant } : {}),
      };
    return {
      remoteJid: chat,
      id: target.id,
      fromMe: target.fromMe ?? defaultFromMe,
      ...(target.participant ? { participant: target.participant } : {}),
    };
  }

  /** The quoted message: the real one when cached, else a stub WhatsApp still renders as a reply. */
  private quoted(chat: string, id: string): BaileysMessage {
    const cached = this.cache.get(id);
    if (cached?.key && cached.message) return cached as BaileysMessage;
    return { key: { remoteJid: chat, id, fromMe: false }, message: { conversation: "" } };
  }

  /** Answers an event (#21): an encrypted message Baileys has no content type for, so it is relayed as is. */
  private async answerEvent(
    sock: WASocket,
    to: string,
    content: Extract<EngineContent, { type: "event_response" }>,
    id: string,
  ): Promise<WAMessage> {
    const event = this.cache.get(content.target.id);
    const k = event?.key as WAMessageKey | undefined;
    // Bound to phone numbers, as WhatsApp's apps and rc14 do for the creator.
    const creator = k?.fromMe
      ? this.account!.jid
      : [k?.participant, k?.participantAlt, k?.remoteJid, k?.remoteJidAlt].find((j) => j?.endsWith(USER_SUFFIX));
    const message = eventResponseMessage(
      this.baileys!,
      event,
      { creator: normalizeUserJid(creator ?? k?.participant ?? k?.remoteJid ?? ""), responder: this.account!.jid },
      content.response,
    );
    this.cache.markOwn(id);
    await sock.relayMessage(to, message, { messageId: id });
    return { id, chatId: to, sender: this.account!.jid, fromMe: true, timestamp: Date.now(), content };
  }

  private decryptAnswer(answer: BaileysMessage) {
    const event = this.cache.get(answer.message?.encEventResponseMessage?.eventCreationMessageKey?.id);
    if (!event || !this.account) return undefined;
    const k = event.key as WAMessageKey | undefined;
    const creator = k?.fromMe
      ? [this.account.jid, this.account.lid]
      : [k?.participant || k?.remoteJid, k?.participantAlt || k?.remoteJidAlt];
    const key = answer.key;
    const responder = key.fromMe
      ? [this.account.jid, this.account.lid]
      : [key.participant || key.remoteJid, key.participantAlt || key.remoteJidAlt];
    return decryptEventResponse(this.baileys!, answer, event, { creator, responder });
  }

  private decryptVote(vote: BaileysMessage) {
    const pollId = vote.message?.pollUpdateMessage?.pollCreationMessageKey?.id;
    const poll = this.cache.get(pollId);
    if (!poll || !this.account) return undefined;
    const creator = poll.key?.fromMe
      ? [this.account.jid, this.account.lid]
      : [poll.key?.participant || poll.key?.remoteJid];
    const key = vote.key;
    const voter = key.fromMe
      ? [this.account.jid, this.account.lid]
      : [key.participant || key.remoteJid, key.participantAlt || key.remoteJidAlt];
    return decryptVote(this.baileys!, vote, poll, { creator, voter });
  }

  private modifyChat(chatId: string, action: ChatAction): Promise<void> {
    return chats.chatModify(this.requireOpen(), chatId, action);
  }

  private requireSocket(): WASocket {
    if (!this.sock || this.closed)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", "The Baileys session is closed", { scope: SCOPE });
    return this.sock;
  }

  private requireOpen(): WASocket {
    const sock = this.requireSocket();
    if (!this.account)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", "The Baileys session is not logged in yet", { scope: SCOPE });
    return sock;
  }
}
