import type { Storage } from "unstorage";
import type { WAMessage } from "../engine/types.js";
import { clearPrefix, stripBase } from "../storage/namespaces.js";
import { KeyedSerial } from "../util/serial.js";

/** One conversation as a chat list shows it. */
export interface Chat {
  id: string;
  profileId: string;
  lastMessage?: ChatPreview;
  /** Received messages not yet marked read through MultiWA. */
  unread: number;
  updatedAt: number;
}

export interface ChatPreview {
  id: string;
  fromMe: boolean;
  type: string;
  text?: string;
  timestamp: number;
}

export interface HistoryPage {
  messages: WAMessage[];
  /** Pass as `before` to get the previous page; absent on the first message. */
  next?: string;
}

const CHATS = "chats";
const HISTORY = "history";
const HISTORY_INDEX = "historyidx";
/** Chat summaries kept in memory; enough for the busy chats of many profiles. */
const CACHED_CHATS = 10_000;

/**
 * Conversation history per profile and chat. Keys sort by time, so a page is a key listing,
 * and a chat's summary is kept beside it so the chat list needs no scan of messages.
 */
export class MessageHistory {
  private readonly chatWrites = new KeyedSerial();
  /** Read-modify-writes of one entry (poll votes) run in order. */
  private readonly entryWrites = new KeyedSerial();
  /**
   * Chat summaries as this process last wrote them, so an update needs no read. Only the node running
   * a profile writes its history; `forget` drops a profile's entries when this node takes it over.
   */
  private readonly chatCache = new Map<string, Chat>();
  /** Breaks ties between messages of the same millisecond in the order they were recorded. */
  private seq = 0;

  constructor(private readonly storage: Storage) {}

  /** `unique`: the caller knows this id is new (the gateway's own sends), so the duplicate check is skipped. */
  async record(profileId: string, message: WAMessage, options: { unique?: boolean } = {}): Promise<void> {
    // Engines may report a message again after a reconnect; the index keeps one copy per id.
    const indexKey = `${HISTORY_INDEX}:${profileId}:${message.id}`;
    const existing = options.unique ? null : await this.storage.getItem<string>(indexKey);
    const key = existing ?? `${HISTORY}:${profileId}:${message.chatId}:${this.sortKey(message)}`;
    if (existing) return this.entryWrites.run(key, () => this.rewrite(key, message));
    // Issued together, so a batching store writes the entry, its index and the chat summary at once.
    await Promise.all([
      this.storage.setItem(key, message),
      this.storage.setItem(indexKey, key),
      this.updateChat(profileId, message.chatId, (chat) => ({
        ...chat,
        lastMessage: preview(message),
        unread: message.fromMe ? chat.unread : chat.unread + 1,
        updatedAt: Math.max(chat.updatedAt, message.timestamp),
      })),
    ]);
  }

  /**
   * Keeps a voter's current choice on the poll's entry; a new vote replaces the voter's previous
   * one and an empty `selected` withdraws it. A vote on a poll not in the history is dropped.
   */
  async recordVote(profileId: string, vote: { pollId: string; voter: string; selected: string[] }): Promise<void> {
    const key = await this.storage.getItem<string>(`${HISTORY_INDEX}:${profileId}:${vote.pollId}`);
    if (!key) return;
    await this.entryWrites.run(key, async () => {
      const poll = await this.storage.getItem<WAMessage>(key);
      if (poll?.content.type !== "poll") return;
      const { [vote.voter]: _previous, ...others } = poll.content.votes ?? {};
      const votes = vote.selected.length ? { ...others, [vote.voter]: vote.selected } : others;
      await this.storage.setItem(key, { ...poll, content: { ...poll.content, votes } });
    });
  }

  /** Drops cached summaries of a profile: another node may have written them meanwhile. */
  forget(profileId: string): void {
    const prefix = `${CHATS}:${profileId}:`;
    for (const key of this.chatCache.keys()) if (key.startsWith(prefix)) this.chatCache.delete(key);
  }

  async chats(profileId: string, options: { limit?: number } = {}): Promise<Chat[]> {
    const base = `${CHATS}:${profileId}`;
    const ids = stripBase(await this.storage.getKeys(base), base);
    const chats = await Promise.all(ids.map((id) => this.storage.getItem<Chat>(`${base}:${id}`)));
    return chats.filter((c): c is Chat => c !== null).sort((a, b) => b.updatedAt - a.updatedAt).slice(0, options.limit ?? 100);
  }

  async chat(profileId: string, chatId: string): Promise<Chat | null> {
    return this.storage.getItem<Chat>(`${CHATS}:${profileId}:${chatId}`);
  }

  /** Newest messages first-page-last: returns up to `limit` messages older than `before`, oldest first. */
  async messages(profileId: string, chatId: string, options: { limit?: number; before?: string } = {}): Promise<HistoryPage> {
    const base = `${HISTORY}:${profileId}:${chatId}`;
    let keys = stripBase(await this.storage.getKeys(base), base).sort();
    if (options.before) keys = keys.filter((k) => k < options.before!);
    const page = keys.slice(-(options.limit ?? 50));
    const messages = (await Promise.all(page.map((k) => this.storage.getItem<WAMessage>(`${base}:${k}`)))).filter((m): m is WAMessage => m !== null);
    return { messages, ...(page.length && keys.length > page.length ? { next: page[0] } : {}) };
  }

  /** One recorded message by id. */
  async message(profileId: string, id: string): Promise<WAMessage | null> {
    const key = await this.storage.getItem<string>(`${HISTORY_INDEX}:${profileId}:${id}`);
    return key ? this.storage.getItem<WAMessage>(key) : null;
  }

  async removeProfile(profileId: string): Promise<void> {
    this.forget(profileId);
    await Promise.all([CHATS, HISTORY, HISTORY_INDEX].map((base) => clearPrefix(this.storage, `${base}:${profileId}`)));
  }

  async markRead(profileId: string, chatId: string): Promise<void> {
    await this.updateChat(profileId, chatId, (chat) => ({ ...chat, unread: 0 }));
  }

  // --- Internal helpers ---

  private sortKey(message: WAMessage): string {
    this.seq = (this.seq + 1) % 1_000_000;
    return `${String(message.timestamp).padStart(15, "0")}-${String(this.seq).padStart(6, "0")}-${message.id}`;
  }

  /** A message reported again replaces its entry, keeping the votes a poll has collected. */
  private async rewrite(key: string, message: WAMessage): Promise<void> {
    const kept = message.content.type === "poll" ? await this.storage.getItem<WAMessage>(key) : null;
    const votes = kept?.content.type === "poll" ? kept.content.votes : undefined;
    await this.storage.setItem(key, votes && message.content.type === "poll" ? { ...message, content: { ...message.content, votes } } : message);
  }

  /** Chat summaries are read-modify-write; one chat's updates run in order. */
  private updateChat(profileId: string, chatId: string, change: (chat: Chat) => Chat): Promise<void> {
    const key = `${CHATS}:${profileId}:${chatId}`;
    return this.chatWrites.run(key, async () => {
      const chat = this.chatCache.get(key) ?? (await this.storage.getItem<Chat>(key)) ?? { id: chatId, profileId, unread: 0, updatedAt: 0 };
      const next = change(chat);
      this.chatCache.delete(key);
      this.chatCache.set(key, next);
      if (this.chatCache.size > CACHED_CHATS) this.chatCache.delete(this.chatCache.keys().next().value!);
      await this.storage.setItem(key, next);
    });
  }
}


function preview(message: WAMessage): ChatPreview {
  const c = message.content;
  const text = c.type === "text" || c.type === "edit" ? c.text : "caption" in c ? c.caption : c.type === "poll" ? c.name : undefined;
  return { id: message.id, fromMe: message.fromMe, type: c.type, timestamp: message.timestamp, ...(text ? { text } : {}) };
}
