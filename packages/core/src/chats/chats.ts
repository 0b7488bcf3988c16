import { storedMessageRef } from "../messages/stored-ref.js";
import { assertCapability } from "../engine/guard.js";
import type { Engine } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import type { Chat, ChatListOptions, HistoryPage, MessageHistory } from "../history/history.js";
import type { HistoryStatus, HistoryStatusStore } from "../history/status.js";
import { toJid } from "../jid.js";
import type { SessionHost } from "../session/host.js";
import type { ProfileStore } from "../session/profiles.js";

/** Settings to change on one chat; fields left out stay as they are. */
export interface ChatPatch {
  archived?: boolean;
  pinned?: boolean;
  /** ms since the epoch; `null` unmutes. */
  mutedUntil?: number | null;
  /** Mark unread (true) or read (false). */
  unread?: boolean;
}

const CAPABILITY = {
  archived: "chats.archive",
  pinned: "chats.pin",
  mutedUntil: "chats.mute",
  unread: "chats.markUnread",
} as const;

export interface ChatsDeps {
  profiles: Pick<ProfileStore, "get">;
  history: MessageHistory;
  historyStatus: Pick<HistoryStatusStore, "get">;
  host: Pick<SessionHost, "invoke">;
  engineOf: (profileId: string) => Promise<Engine>;
}

/**
 * `wa.chats`: a profile's conversations, read from the history this node and others recorded, and
 * (issue #20) archived, pinned, muted, marked unread, deleted and cleared on the profile's WhatsApp
 * account (the engine syncs them to the phone). Engine calls go through the session host; the history's
 * row is updated once the engine accepted the change (the engine's own `chat.update` echo, where it
 * sends one, changes nothing more).
 */
export class Chats {
  constructor(private readonly deps: ChatsDeps) {}

  /** Conversations of a profile, most recent first, optionally filtered (archived, unread, groups) and paged. */
  async list(profileId: string, options: ChatListOptions = {}): Promise<Chat[]> {
    await this.deps.profiles.get(profileId);
    return this.deps.history.chats(profileId, options);
  }

  /** A page of one chat's messages, oldest first; pass `next` as `before` for older ones. */
  async messages(
    profileId: string,
    chatId: string,
    options: { limit?: number; before?: string } = {},
  ): Promise<HistoryPage> {
    await this.deps.profiles.get(profileId);
    return this.deps.history.messages(profileId, toJid(chatId, "chatId"), options);
  }

  /** Applies every field of `patch`; all their capabilities are checked before the first engine call. */
  async update(profileId: string, chatId: string, patch: ChatPatch): Promise<Chat> {
    const { host, history } = this.deps;
    const jid = toJid(chatId, "chatId");
    const fields = (Object.keys(CAPABILITY) as (keyof ChatPatch)[]).filter((k) => patch[k] !== undefined);
    if (!fields.length)
      throw new MultiWAError("VALIDATION_FAILED", "Nothing to change: give archived, pinned, mutedUntil or unread", {
        details: { field: "archived" },
      });
    const engine = await this.deps.engineOf(profileId);
    for (const field of fields) assertCapability(engine, CAPABILITY[field]);
    if (patch.archived !== undefined) await host.invoke(profileId, "archiveChat", jid, patch.archived);
    if (patch.pinned !== undefined) await host.invoke(profileId, "pinChat", jid, patch.pinned);
    if (patch.mutedUntil !== undefined) await host.invoke(profileId, "muteChat", jid, patch.mutedUntil);
    if (patch.unread !== undefined) await host.invoke(profileId, "markChatUnread", jid, patch.unread);
    await history.applyChatUpdate(profileId, { chatId: jid, ...patch });
    const chat = await history.chat(profileId, jid);
    return chat!;
  }

  /** Deletes the chat and its messages, on WhatsApp and in the history. */
  async delete(profileId: string, chatId: string): Promise<void> {
    const jid = toJid(chatId, "chatId");
    await this.deps.host.invoke(profileId, "deleteChat", jid);
    await this.deps.history.applyChatUpdate(profileId, { chatId: jid, deleted: true });
  }

  /** Removes the chat's messages and keeps the chat. */
  async clear(profileId: string, chatId: string): Promise<void> {
    const jid = toJid(chatId, "chatId");
    await this.deps.host.invoke(profileId, "clearChat", jid);
    await this.deps.history.applyChatUpdate(profileId, { chatId: jid, cleared: true });
  }

  /**
   * Asks the phone for `count` messages of the chat older than the oldest one stored (issue #21); they
   * arrive as a history import, ending in `history.completed` with this `requestId`.
   */
  async fetchHistory(profileId: string, chatId: string, count = 50): Promise<{ requestId: string; chatId: string }> {
    await this.deps.profiles.get(profileId);
    const jid = toJid(chatId, "chatId");
    assertCapability(await this.deps.engineOf(profileId), "history.sync");
    const oldest = await this.deps.history.oldest(profileId, jid);
    const { requestId } = await this.deps.host.invoke(profileId, "fetchHistory", jid, {
      count,
      ...(oldest ? { oldest: { id: oldest.id, fromMe: oldest.fromMe, timestamp: oldest.timestamp } } : {}),
    });
    return { requestId, chatId: jid };
  }

  /** Where the profile's history import stands (issue #21): state, progress, totals, oldest message time. */
  async historyStatus(profileId: string): Promise<HistoryStatus> {
    await this.deps.profiles.get(profileId);
    return this.deps.historyStatus.get(profileId);
  }

  /** Stars (or unstars) a message from the history; its chat and direction come from there. */
  async star(profileId: string, messageId: string, starred: boolean): Promise<void> {
    const { message, ref } = await storedMessageRef(this.deps.history, profileId, messageId);
    await this.deps.host.invoke(profileId, "starMessage", message.chatId, ref, starred);
  }
}
