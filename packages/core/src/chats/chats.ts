import type { Chat, ChatListOptions, HistoryPage, MessageHistory } from "../history/history.js";
import { toJid } from "../jid.js";
import type { ProfileStore } from "../session/profiles.js";

/** `wa.chats`: a profile's conversations, from the history this node and others recorded. */
export class Chats {
  constructor(
    private readonly profiles: Pick<ProfileStore, "get">,
    private readonly history: MessageHistory,
  ) {}

  /** Conversations of a profile, most recent first, optionally filtered (archived, unread, groups) and paged. */
  async list(profileId: string, options: ChatListOptions = {}): Promise<Chat[]> {
    await this.profiles.get(profileId);
    return this.history.chats(profileId, options);
  }

  /** A page of one chat's messages, oldest first; pass `next` as `before` for older ones. */
  async messages(
    profileId: string,
    chatId: string,
    options: { limit?: number; before?: string } = {},
  ): Promise<HistoryPage> {
    await this.profiles.get(profileId);
    return this.history.messages(profileId, toJid(chatId, "chatId"), options);
  }
}
