import { EventEmitter } from "node:events";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type WAWebJS from "whatsapp-web.js";
import type { FakeWaNetwork } from "./network.js";
import {
  ClientInfo,
  Contact,
  cus,
  GroupChat,
  GroupNotification,
  Message,
  PollVote,
  PrivateChat,
  Reaction,
  wid,
  wwebjs,
  type RawMessage,
} from "./wwebjs.js";

export interface FakeClientOptions {
  /** How often the QR rotates, as WhatsApp Web does about every 20 s. @default 20000 */
  qrIntervalMs?: number;
}

/** Where the fake "WhatsApp Web" keeps its login, inside the dirs RemoteAuth saves. */
const SESSION_FILE = ["Default", "Local Storage", "fake-wa-session.json"];

/**
 * A whatsapp-web.js `Client` without a browser: same constructor options, same auth-strategy
 * hooks (so RemoteAuth really zips and restores the profile folder), same events carrying real
 * `Message`, `Reaction`, `GroupNotification` objects built from WhatsApp Web-shaped raw data.
 */
export class FakeClient extends EventEmitter {
  readonly options: WAWebJS.ClientOptions & { puppeteer: { userDataDir?: string } };
  readonly authStrategy: WAWebJS.AuthStrategy;
  info!: WAWebJS.ClientInfo;
  phone?: string;
  pupBrowser: (EventEmitter & { isConnected(): boolean; close(): Promise<void> }) | null = null;
  private token?: string;
  private qrTimer?: NodeJS.Timeout;
  private qrCount = 0;

  constructor(
    options: WAWebJS.ClientOptions,
    private readonly network: FakeWaNetwork,
    private readonly fakeOptions: FakeClientOptions = {},
  ) {
    super();
    this.options = { ...options, puppeteer: { ...options.puppeteer } } as FakeClient["options"];
    this.authStrategy = options.authStrategy!;
    this.authStrategy.setup(this as unknown as WAWebJS.Client);
  }

  async initialize(): Promise<void> {
    await this.authStrategy.beforeBrowserInitialized();
    this.pupBrowser = fakeBrowser();
    await this.authStrategy.afterBrowserInitialized();
    const saved = await this.readSession();
    if (saved && this.network.isValid(saved.phone, saved.token))
      return void setImmediate(() => this.link(saved.phone, saved.token));
    this.showQr();
  }

  async destroy(): Promise<void> {
    clearTimeout(this.qrTimer);
    this.network.detach(this);
    if (this.pupBrowser?.isConnected()) await this.pupBrowser.close();
    await this.authStrategy.destroy();
  }

  async logout(): Promise<void> {
    if (this.phone && this.token) this.network.revoke(this.phone, this.token);
    this.network.detach(this);
    await this.pupBrowser?.close();
    await this.authStrategy.logout();
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    const code = this.network.offerCode(this, phoneNumber);
    this.emit("code", code);
    return code;
  }

  async sendMessage(
    chatId: string,
    content: WAWebJS.MessageContent,
    options: WAWebJS.MessageSendOptions = {},
  ): Promise<WAWebJS.Message> {
    const { draft, media } = draftOf(content, options);
    if (options.quotedMessageId) {
      const quoted = this.network.account(this.phone!).messages.get(options.quotedMessageId);
      if (quoted)
        Object.assign(draft, {
          quotedStanzaID: quoted.id.id,
          quotedMsg: { type: quoted.type, body: quoted.body },
          ...(quoted.author ? { quotedParticipant: quoted.author } : {}),
        });
    }
    if (options.mentions?.length) draft.mentionedJidList = options.mentions as string[];
    return this.message(this.network.send(this, chatId, draft, media));
  }

  async sendReaction(messageId: string, reaction: string): Promise<void> {
    this.network.react(this, messageId, reaction);
  }

  async getMessageById(messageId: string): Promise<WAWebJS.Message> {
    const raw = this.network.account(this.phone!).messages.get(messageId);
    return (raw ? this.message(raw) : null) as WAWebJS.Message;
  }

  async getChatById(chatId: string): Promise<WAWebJS.Chat> {
    if (this.network.isGroup(chatId)) return fakeGroupChat(this, this.network, chatId);
    return fakePrivateChat(this, this.network, chatId);
  }

  async getContactById(contactId: string): Promise<WAWebJS.Contact> {
    const phone = contactId.split("@")[0]!;
    const contact = new Contact(this, {
      id: wid(contactId),
      number: phone,
      name: this.network.account(phone).name,
      pushname: this.network.account(phone).name,
      isUser: true,
    });
    // WhatsApp Web answers these from its page; the fake from the network's profiles.
    const blocked = () => this.network.profile(this.phone!).blocked;
    return Object.assign(contact, {
      getAbout: async () => this.network.profile(phone).about ?? null,
      block: async () => (blocked().add(phone), true),
      unblock: async () => (blocked().delete(phone), true),
    });
  }

  async getNumberId(number: string): Promise<WAWebJS.ContactId | null> {
    const phone = number.replace(/\D/g, "");
    return this.network.knows(phone) ? (wid(cus(phone)) as WAWebJS.ContactId) : null;
  }

  async getProfilePicUrl(contactId: string): Promise<string> {
    return this.network.profile(contactId.split("@")[0]!).pictureUrl as string;
  }

  async getBlockedContacts(): Promise<WAWebJS.Contact[]> {
    return Promise.all([...this.network.profile(this.phone!).blocked].map((p) => this.getContactById(cus(p))));
  }

  async setDisplayName(name: string): Promise<boolean> {
    this.network.account(this.phone!).name = name;
    return true;
  }

  async setStatus(status: string): Promise<void> {
    this.network.profile(this.phone!).about = status;
  }

  async createGroup(title: string, participants: string | string[] = []): Promise<WAWebJS.CreateGroupResult> {
    const list = Array.isArray(participants) ? participants : [participants];
    const gid = this.network.createGroup(this.phone!, title, list);
    const result = Object.fromEntries(
      list.map((p) => [p, { statusCode: 200, message: "", isGroupCreator: false, isInviteV4Sent: false }]),
    );
    return { title, gid: wid(gid), participants: result } as unknown as WAWebJS.CreateGroupResult;
  }

  async sendSeen(chatId: string): Promise<boolean> {
    this.network.markRead(this, chatId);
    this.network.chat(this.phone!, chatId).unread = false;
    return true;
  }

  // --- Chat settings (what WhatsApp Web's Cmd would change) ---
  async archiveChat(chatId: string): Promise<boolean> {
    return (this.network.chat(this.phone!, chatId).archived = true);
  }

  async unarchiveChat(chatId: string): Promise<boolean> {
    this.network.chat(this.phone!, chatId).archived = false;
    return false;
  }

  async pinChat(chatId: string): Promise<boolean> {
    const pinned = [...this.network.account(this.phone!).chats.values()].filter((c) => c.pinned).length;
    if (pinned >= 3) return false;
    return (this.network.chat(this.phone!, chatId).pinned = true);
  }

  async unpinChat(chatId: string): Promise<boolean> {
    this.network.chat(this.phone!, chatId).pinned = false;
    return false;
  }

  async muteChat(chatId: string, unmuteDate?: Date): Promise<{ isMuted: boolean; muteExpiration: number }> {
    const muteExpiration = unmuteDate ? Math.floor(unmuteDate.getTime() / 1000) : -1;
    this.network.chat(this.phone!, chatId).muteExpiration = muteExpiration;
    return { isMuted: true, muteExpiration };
  }

  async unmuteChat(chatId: string): Promise<{ isMuted: boolean; muteExpiration: number }> {
    this.network.chat(this.phone!, chatId).muteExpiration = 0;
    return { isMuted: false, muteExpiration: 0 };
  }

  async markChatUnread(chatId: string): Promise<void> {
    this.network.chat(this.phone!, chatId).unread = true;
  }

  presence: "available" | "unavailable" | undefined;
  readonly chatStates: Record<string, string[]> = {};
  async sendPresenceAvailable(): Promise<void> {
    this.presence = "available";
  }

  async sendPresenceUnavailable(): Promise<void> {
    this.presence = "unavailable";
  }

  // --- What the fake network calls ---

  paired(phone: string, token: string): void {
    clearTimeout(this.qrTimer);
    void this.writeSession({ phone, token }).then(() => this.link(phone, token));
  }

  /** WhatsApp Web reports a lost session the way `onAppStateChangedEvent` does. */
  async lost(state: string): Promise<void> {
    this.emit("change_state", state);
    await this.authStrategy.disconnect();
    this.emit("disconnected", state);
    await this.destroy();
  }

  /** Chromium died: whatsapp-web.js itself notices nothing, only puppeteer's browser does. */
  crash(): void {
    clearTimeout(this.qrTimer);
    this.pupBrowser?.emit("disconnected");
  }

  emitMessage(event: string, raw: RawMessage, ...rest: unknown[]): void {
    const extra = rest.map((r) => (r && typeof r === "object" && "id" in r ? this.message(r as RawMessage) : r));
    this.emit(event, this.message(raw), ...extra);
  }

  emitReaction(data: Record<string, unknown>): void {
    this.emit("message_reaction", new Reaction(this, data));
  }

  emitVote(data: Record<string, unknown>): void {
    this.emit("vote_update", new PollVote(this, data));
  }

  emitGroup(data: Record<string, unknown> & { subtype: string }): void {
    const event = ["add", "invite", "linked_group_join"].includes(data.subtype)
      ? "group_join"
      : ["remove", "leave"].includes(data.subtype)
        ? "group_leave"
        : ["promote", "demote"].includes(data.subtype)
          ? "group_admin_changed"
          : "group_update";
    this.emit(event, new GroupNotification(this, data));
  }

  // --- Internal helpers ---

  private showQr(): void {
    const max = this.options.qrMaxRetries ?? 0;
    if (max > 0 && ++this.qrCount > max) return void this.lost("Max qrcode retries reached");
    this.emit("qr", this.network.offerQr(this));
    this.qrTimer = setTimeout(() => this.showQr(), this.fakeOptions.qrIntervalMs ?? 20_000);
    this.qrTimer.unref();
  }

  private link(phone: string, token: string): void {
    if (!this.pupBrowser?.isConnected()) return;
    this.phone = phone;
    this.token = token;
    this.info = new ClientInfo(this, {
      wid: wid(cus(phone)),
      pushname: this.network.account(phone).name,
      platform: "web",
    });
    this.emit("authenticated");
    this.network.attach(this);
    this.emit("ready");
    void this.authStrategy.afterAuthReady();
  }

  private message(raw: RawMessage): WAWebJS.Message {
    return fakeMessage(this, this.network, structuredClone(raw));
  }

  private sessionPath(): string {
    return join(this.options.puppeteer.userDataDir ?? "/nonexistent", ...SESSION_FILE);
  }

  private async readSession(): Promise<{ phone: string; token: string } | undefined> {
    return readFile(this.sessionPath(), "utf8").then(
      (s) => JSON.parse(s) as { phone: string; token: string },
      () => undefined,
    );
  }

  private async writeSession(session: { phone: string; token: string }): Promise<void> {
    await mkdir(join(this.sessionPath(), ".."), { recursive: true });
    await writeFile(this.sessionPath(), JSON.stringify(session));
  }
}

/** `client.sendMessage` arguments → the fields WhatsApp Web would put on the new message. */
function draftOf(
  content: WAWebJS.MessageContent,
  options: WAWebJS.MessageSendOptions,
): { draft: Partial<RawMessage>; media?: Buffer } {
  if (content instanceof wwebjs.MessageMedia) {
    const bytes = Buffer.from(content.data, "base64");
    const kind = content.mimetype.split("/")[0];
    const type = options.sendMediaAsSticker
      ? "sticker"
      : options.sendMediaAsDocument
        ? "document"
        : kind === "image"
          ? "image"
          : kind === "video"
            ? "video"
            : kind === "audio"
              ? options.sendAudioAsVoice
                ? "ptt"
                : "audio"
              : "document";
    return {
      draft: {
        type,
        mimetype: content.mimetype,
        size: bytes.byteLength,
        directPath: `/v/t62.fake/${randomBytes(6).toString("hex")}`,
        ...(content.filename ? { filename: content.filename } : {}),
        ...(options.caption ? { caption: options.caption } : {}),
        ...(options.sendVideoAsGif ? { isGif: true } : {}),
      },
      media: bytes,
    };
  }
  if (content instanceof wwebjs.Location) {
    const loc = content as WAWebJS.Location & { name?: string; address?: string };
    return {
      draft: {
        type: "location",
        lat: Number(loc.latitude),
        lng: Number(loc.longitude),
        ...(loc.name || loc.address ? { loc: [loc.name ?? "", loc.address ?? ""].join("\n") } : {}),
      },
    };
  }
  if (content instanceof wwebjs.Poll) {
    return {
      draft: {
        type: "poll_creation",
        pollName: content.pollName,
        pollOptions: content.pollOptions,
        pollSelectableOptionsCount: content.options.allowMultipleAnswers ? 0 : 1,
      },
    };
  }
  if (Array.isArray(content)) {
    const list = (content as WAWebJS.Contact[]).map((c) => ({
      displayName: c.name ?? c.number,
      vcard: `BEGIN:VCARD\nVERSION:3.0\nFN:${c.name}\nTEL;type=CELL;waid=${c.number}:+${c.number}\nEND:VCARD`,
    }));
    return { draft: { type: "multi_vcard", vcardList: list, body: "" } };
  }
  const text = String(content);
  if (options.parseVCards !== false && text.startsWith("BEGIN:VCARD"))
    return { draft: { type: "vcard", body: text, vcardFormattedName: /^FN:(.*)$/m.exec(text)?.[1] ?? "" } };
  return { draft: { type: "chat", body: text } };
}

/** A real `Message` whose browser-backed methods go to the fake network. */
function fakeMessage(client: FakeClient, network: FakeWaNetwork, raw: RawMessage): WAWebJS.Message {
  const message = new Message(client, raw);
  return Object.assign(message, {
    edit: async (text: string) => (network.edit(client, raw.id._serialized, text) ? message : null),
    delete: async () => network.revokeMessage(client, raw.id._serialized),
    downloadMedia: async () => {
      if (!message.hasMedia) return undefined;
      const data = network.downloadMedia(raw.id.id);
      return data
        ? new wwebjs.MessageMedia(raw.mimetype!, data.toString("base64"), raw.filename ?? null, data.byteLength)
        : undefined;
    },
  });
}

function fakeGroupChat(client: FakeClient, network: FakeWaNetwork, id: string): WAWebJS.GroupChat {
  const chat = new GroupChat(client, network.groupData(id));
  const update = (action: "add" | "remove" | "promote" | "demote") => async (ids: string | string[]) =>
    network.updateParticipants(client.phone!, id, action, Array.isArray(ids) ? ids : [ids]);
  return Object.assign(chat, {
    addParticipants: update("add"),
    removeParticipants: update("remove"),
    promoteParticipants: update("promote"),
    demoteParticipants: update("demote"),
    getInviteCode: async () => network.inviteCode(client.phone!, id),
    leave: async () => network.leave(client.phone!, id),
    ...chatState(client, id),
    ...chatCommands(client, network, id),
  }) as unknown as WAWebJS.GroupChat;
}

function fakePrivateChat(client: FakeClient, network: FakeWaNetwork, id: string): WAWebJS.Chat {
  return Object.assign(
    new PrivateChat(client, { id: wid(id), formattedTitle: id, isGroup: false, t: 0, unreadCount: 0 }),
    chatState(client, id),
    chatCommands(client, network, id),
  );
}

/** `Chat.delete()` and `clearMessages()` run in WhatsApp Web's page; here they drop the account's copies. */
function chatCommands(client: FakeClient, network: FakeWaNetwork, id: string) {
  const drop = () => {
    const { messages } = network.account(client.phone!);
    for (const [key, m] of messages) if (m.id.remote === id) messages.delete(key);
  };
  return {
    delete: async () => (drop(), network.account(client.phone!).chats.delete(id), true),
    clearMessages: async () => (drop(), network.chat(client.phone!, id).cleared++, true),
  };
}

/** Typing indicators: recorded on the client, per chat, so tests can see them. */
function chatState(client: FakeClient, id: string) {
  const log = (state: string) => void (client.chatStates[id] ??= []).push(state);
  return {
    sendStateTyping: async () => log("typing"),
    sendStateRecording: async () => log("recording"),
    clearState: async () => (log("paused"), true),
  };
}

function fakeBrowser(): EventEmitter & { isConnected(): boolean; close(): Promise<void> } {
  let connected = true;
  return Object.assign(new EventEmitter(), {
    isConnected: () => connected,
    close: async () => void (connected = false),
  });
}
