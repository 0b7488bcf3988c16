import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type WAWebJS from "whatsapp-web.js";
import {
  MultiWAError,
  type AboutInfo,
  type DisconnectReason,
  type EngineContent,
  type EngineSendOptions,
  type EngineSession,
  type EngineSessionContext,
  type GroupInfo,
  type MessageRef,
  type NumberCheck,
  type ParticipantAction,
  type ParticipantResult,
  type PresenceState,
  type WAMessage,
} from "@multiwa/core";
import { UnstorageAuthStore } from "./auth-store.js";
import { createSessionAuth, type SessionAuth } from "./auth-strategy.js";
import * as directory from "./directory.js";
import * as chats from "./chats.js";
import { groupInfoOf, participantResults } from "./groups.js";
import { fromWid, IdBook, serializeKey, toWid } from "./ids.js";
import { keyOf, toWAMessage } from "./inbound.js";
import { listen } from "./listen.js";
import { clientOptions, ENGINE_NAME, type WwebjsEngineOptions } from "./options.js";
import { prepareSend } from "./outbound.js";
import { loadWwebjs, type WwebjsClient, type WwebjsLib } from "./wwebjs.js";

/** whatsapp-web.js `disconnected` reasons (WhatsApp Web socket states) in the core's words. */
const REASONS: Record<string, DisconnectReason> = {
  CONFLICT: "conflict",
  UNPAIRED: "logged_out",
  UNPAIRED_IDLE: "logged_out",
  LOGOUT: "logged_out",
  TIMEOUT: "connection_lost",
  "Max qrcode retries reached": "timed_out",
};

/** One connection attempt: one Chromium with WhatsApp Web, restored from and saved to the profile's storage. */
export class WwebjsSession implements EngineSession {
  readonly ids: IdBook;
  client?: WwebjsClient;
  me?: string;
  private lib?: WwebjsLib;
  private auth?: SessionAuth;
  private dataPath?: string;
  private ready = false;
  private closed = false;
  private readonly sends = new Set<Promise<unknown>>();
  private qrShown?: () => void;
  private readonly firstQr = new Promise<void>((resolve) => (this.qrShown = resolve));

  constructor(
    readonly ctx: EngineSessionContext,
    private readonly options: WwebjsEngineOptions,
  ) {
    this.ids = new IdBook(ctx.storage);
  }

  async connect(): Promise<void> {
    this.ctx.emit("connection.update", { state: "connecting" });
    const base = clientOptions(this.options, this.ctx.proxy);
    const lib = (this.lib = await loadWwebjs(this.options.lib));
    // A fresh browser profile per attempt; the saved session is unpacked into it by RemoteAuth.
    const dataPath = (this.dataPath = await mkdtemp(join(this.options.tmpDir ?? tmpdir(), "multiwa-wwebjs-")));
    // Stopped while we were getting ready: start no browser.
    if (this.closed) return this.cleanup();
    this.auth = createSessionAuth(lib, {
      store: new UnstorageAuthStore({ storage: this.ctx.storage, dataPath }),
      dataPath,
      clientId: this.ctx.profileId.replace(/[^-\w]/g, "_"),
      backupSyncIntervalMs: this.options.backupSyncIntervalMs ?? 300_000,
    });
    const options = { ...base, authStrategy: this.auth };
    const client = (this.client = this.options.createClient
      ? this.options.createClient(options, lib)
      : (new lib.Client(options) as WwebjsClient));
    listen(this, client);
    client.initialize().then(
      // Stopped while Chromium was still starting: the browser appeared after our destroy().
      () => this.closed && void client.destroy().catch(() => undefined),
      (error: unknown) => {
        if (this.closed) return void client.destroy().catch(() => undefined);
        void this.close("connection_lost", String((error as Error)?.message ?? error));
      },
    );
  }

  async disconnect(): Promise<void> {
    await this.close("closed");
  }

  async logout(): Promise<void> {
    const client = this.client;
    this.closed = true;
    // Logs out on WhatsApp, closes the browser and deletes the stored session (RemoteAuth).
    await client?.logout().catch((error: unknown) => this.ctx.logger.warn("logout failed", error));
    await this.cleanup();
    this.ctx.emit("connection.update", { state: "close", reason: "logged_out" });
  }

  async requestPairingCode(phone: string): Promise<string> {
    if (this.ready) throw new MultiWAError("VALIDATION_FAILED", "Already logged in", { scope: ENGINE_NAME });
    // The page can take a pairing request only once WhatsApp Web has booted, which the first QR proves.
    await withTimeout(this.firstQr, 60_000, "WhatsApp Web did not start in time to pair");
    return this.requireClient().requestPairingCode(phone, true);
  }

  async send(to: string, content: EngineContent, options: EngineSendOptions): Promise<WAMessage> {
    const task = this.sendNow(this.requireReady(), toWid(to), content, options);
    this.sends.add(task);
    try {
      return await task;
    } finally {
      this.sends.delete(task);
    }
  }

  async sendPresence(state: PresenceState, to?: string): Promise<void> {
    const client = this.requireReady();
    if (state === "available") return void (await client.sendPresenceAvailable());
    if (state === "unavailable") return void (await client.sendPresenceUnavailable());
    if (!to) return;
    const chat = await client.getChatById(toWid(to));
    if (state === "composing") await chat.sendStateTyping();
    else if (state === "recording") await chat.sendStateRecording();
    else await chat.clearState();
  }

  /** WhatsApp Web marks a whole chat as read, not single messages. */
  async markRead(chatId: string): Promise<void> {
    await this.requireReady().sendSeen(toWid(chatId));
  }

  async groupCreate(subject: string, participants: string[]): Promise<GroupInfo> {
    const created = await this.requireReady().createGroup(subject, participants.map(toWid));
    if (typeof created === "string")
      throw new MultiWAError("SEND_FAILED", `Could not create the group: ${created}`, { scope: ENGINE_NAME });
    return this.groupInfo(fromWid(created.gid));
  }

  async groupInfo(groupId: string): Promise<GroupInfo> {
    return groupInfoOf(await this.group(groupId));
  }

  async groupParticipants(
    groupId: string,
    action: ParticipantAction,
    participants: string[],
  ): Promise<ParticipantResult[]> {
    const group = await this.group(groupId);
    const wids = participants.map(toWid);
    const result =
      action === "add"
        ? await group.addParticipants(wids)
        : action === "remove"
          ? await group.removeParticipants(wids)
          : action === "promote"
            ? await group.promoteParticipants(wids)
            : await group.demoteParticipants(wids);
    return participantResults(wids, result);
  }

  async groupInviteCode(groupId: string): Promise<string> {
    const code = await (await this.group(groupId)).getInviteCode();
    if (!code)
      throw new MultiWAError("SEND_FAILED", `No invite code for ${groupId} (are we an admin?)`, { scope: ENGINE_NAME });
    return code;
  }

  async groupLeave(groupId: string): Promise<void> {
    await (await this.group(groupId)).leave();
  }

  // --- Chats (chats.ts) ---

  archiveChat(chatId: string, archived: boolean): Promise<void> {
    return chats.archiveChat(this.requireReady(), toWid(chatId), archived);
  }

  pinChat(chatId: string, pinned: boolean): Promise<void> {
    return chats.pinChat(this.requireReady(), toWid(chatId), pinned);
  }

  muteChat(chatId: string, until: number | null): Promise<void> {
    return chats.muteChat(this.requireReady(), toWid(chatId), until);
  }

  markChatUnread(chatId: string, unread: boolean): Promise<void> {
    return chats.markChatUnread(this.requireReady(), toWid(chatId), unread);
  }

  deleteChat(chatId: string): Promise<void> {
    return chats.deleteChat(this.requireReady(), toWid(chatId));
  }

  clearChat(chatId: string): Promise<void> {
    return chats.clearChat(this.requireReady(), toWid(chatId));
  }

  async downloadMedia(message: WAMessage): Promise<Uint8Array> {
    const found = await this.findMessage(
      { id: message.id, fromMe: message.fromMe, participant: message.sender },
      toWid(message.chatId),
    );
    const media = await found.downloadMedia();
    if (!media)
      throw new MultiWAError(
        "MESSAGE_NOT_FOUND",
        `Message ${message.id} has no media to download (it may have expired)`,
        { scope: ENGINE_NAME },
      );
    return Buffer.from(media.data, "base64");
  }

  // --- Directory and own account (directory.ts) ---

  checkNumbers(phones: string[]): Promise<NumberCheck[]> {
    return directory.checkNumbers(this.requireReady(), phones);
  }

  profilePictureUrl(jid: string): Promise<string | undefined> {
    return directory.profilePictureUrl(this.requireReady(), jid);
  }

  contactAbout(jid: string): Promise<AboutInfo | undefined> {
    return directory.contactAbout(this.requireReady(), jid);
  }

  setBlocked(jid: string, blocked: boolean): Promise<void> {
    return directory.setBlocked(this.requireReady(), jid, blocked);
  }

  blocklist(): Promise<string[]> {
    return directory.blocklist(this.requireReady());
  }

  setProfileName(name: string): Promise<void> {
    return directory.setProfileName(this.requireReady(), name);
  }

  setProfileAbout(about: string): Promise<void> {
    return directory.setProfileAbout(this.requireReady(), about);
  }

  // --- Used by the event listeners ---

  /** Called on `ready`: the account is linked and WhatsApp Web is usable. */
  opened(info: WAWebJS.ClientInfo): void {
    if (this.closed) return;
    this.ready = true;
    this.me = fromWid(info.wid);
    this.ctx.emit("connection.update", {
      state: "open",
      me: { jid: this.me, ...(info.pushname ? { name: info.pushname } : {}) },
    });
  }

  qr(qr: string): void {
    if (this.closed) return;
    this.qrShown?.();
    this.ctx.emit("qr", { qr });
  }

  /** Waits until sends in flight have returned, so their core ids are known before receipts are mapped. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.sends]);
  }

  isClosed(): boolean {
    return this.closed;
  }

  async close(reasonOrState: DisconnectReason | string, message?: string): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const reason = (REASONS[reasonOrState] ?? reasonOrState) as DisconnectReason;
    const wasReady = this.ready;
    this.ready = false;
    await this.client?.destroy().catch((error: unknown) => this.ctx.logger.warn("closing the browser failed", error));
    // The browser is closed, so its files are consistent: save them so the next start needs no QR.
    if (wasReady && reason !== "logged_out")
      await this.auth?.backup().catch((error: unknown) => this.ctx.logger.warn("saving the session failed", error));
    await this.cleanup();
    this.ctx.emit("connection.update", {
      state: "close",
      reason: isReason(reason) ? reason : "unknown",
      ...(message ? { message } : {}),
    });
  }

  // --- Internal helpers ---

  private async sendNow(
    client: WwebjsClient,
    chat: string,
    content: EngineContent,
    options: EngineSendOptions,
  ): Promise<WAMessage> {
    const own = (extra: Partial<WAMessage> = {}): WAMessage => ({
      id: options.id,
      chatId: fromWid(chat),
      sender: this.me!,
      fromMe: true,
      timestamp: Date.now(),
      content: content as WAMessage["content"],
      ...extra,
    });
    if (content.type === "reaction") {
      const target = await this.findMessage(content.target, chat);
      await client.sendReaction(keyOf(target)._serialized, content.emoji);
      // whatsapp-web.js does not return the reaction message, so it is known by the core's id.
      return own();
    }
    if (content.type === "edit") {
      const target = await this.findMessage(content.target, chat);
      if (!(await target.edit(content.text)))
        throw new MultiWAError("SEND_FAILED", `WhatsApp refused to edit ${content.target.id} (too old, or not ours)`, {
          scope: ENGINE_NAME,
        });
      return own();
    }
    if (content.type === "delete") {
      await (await this.findMessage(content.target, chat)).delete(true);
      return own();
    }
    // Forwards and link previews are not declared: the library forwards only messages it loaded itself.
    // Events (#21) are not declared either: the adapter has no path to create or answer them.
    if (
      content.type === "interactive" ||
      content.type === "template" ||
      content.type === "forward" ||
      content.type === "event" ||
      content.type === "event_response"
    ) {
      throw new MultiWAError("CAPABILITY_UNSUPPORTED", `whatsapp-web.js cannot send \`${content.type}\` messages`, {
        scope: ENGINE_NAME,
      });
    }
    const quoted = options.quotedId
      ? keyOf(await this.findMessage({ id: options.quotedId }, chat))._serialized
      : undefined;
    const prepared = await prepareSend(this.lib!, client, content, options, quoted);
    const sent = await client.sendMessage(chat, prepared.content, prepared.options);
    if (!sent)
      throw new MultiWAError("SEND_FAILED", `whatsapp-web.js could not send to ${chat}`, { scope: ENGINE_NAME });
    // whatsapp-web.js chooses the id; the core's id becomes an alias, and idempotency rests on the core's outbox.
    await this.ids.alias(options.id, keyOf(sent));
    return toWAMessage(sent);
  }

  /** Finds a message by bare or core id: known keys first, then the keys it could have in this chat. */
  private async findMessage(ref: MessageRef, chat: string): Promise<WAWebJS.Message> {
    const client = this.requireReady();
    const known = await this.ids.lookup(ref.id);
    const participant = chat.endsWith("@g.us") ? (ref.participant ? toWid(ref.participant) : undefined) : undefined;
    const candidates = known
      ? [known]
      : (ref.fromMe === undefined ? [false, true] : [ref.fromMe]).map((fromMe) =>
          serializeKey(fromMe, chat, ref.id, fromMe && chat.endsWith("@g.us") ? toWid(this.me!) : participant),
        );
    for (const key of candidates) {
      const message = await client.getMessageById(key);
      if (message) return message;
    }
    throw new MultiWAError("MESSAGE_NOT_FOUND", `No message ${ref.id} in ${fromWid(chat)}`, {
      scope: ENGINE_NAME,
      details: { id: ref.id, chatId: fromWid(chat) },
    });
  }

  private async group(groupId: string): Promise<WAWebJS.GroupChat> {
    const chat = await this.requireReady().getChatById(toWid(groupId));
    if (!chat?.isGroup)
      throw new MultiWAError("VALIDATION_FAILED", `${groupId} is not a group`, { scope: ENGINE_NAME });
    return chat as WAWebJS.GroupChat;
  }

  private requireClient(): WwebjsClient {
    if (!this.client || this.closed)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", "The whatsapp-web.js session is closed", { scope: ENGINE_NAME });
    return this.client;
  }

  private requireReady(): WwebjsClient {
    const client = this.requireClient();
    if (!this.ready)
      throw new MultiWAError("ENGINE_NOT_CONNECTED", "WhatsApp Web is not ready yet", { scope: ENGINE_NAME });
    return client;
  }

  private async cleanup(): Promise<void> {
    if (this.dataPath) await rm(this.dataPath, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

function isReason(value: string): value is DisconnectReason {
  return ["logged_out", "restart_required", "conflict", "connection_lost", "timed_out", "closed", "unknown"].includes(
    value,
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new MultiWAError("TIMEOUT", message, { scope: ENGINE_NAME })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
