import { and, desc, eq, gt, like, lt, not, or, type SQL } from "drizzle-orm";
import { deleteBatch } from "../db/delete-batch.js";
import type { Database } from "../db/types.js";
import type { ChatUpdateEvent, WAMessage } from "../engine/types.js";
import type { TickBatch } from "../util/tick-batch.js";
import { HISTORY_ENTRIES } from "./entries.js";
import { chatMessages, chats } from "./table.js";

/** One conversation as a chat list shows it. */
export interface Chat {
  id: string;
  profileId: string;
  lastMessage?: ChatPreview;
  /** Received messages not yet marked read through MultiWA. */
  unread: number;
  updatedAt: number;
  archived: boolean;
  pinned: boolean;
  /** ms since the epoch, while muted. */
  mutedUntil?: number;
  /** Marked unread by hand (on the phone or through MultiWA). */
  markedUnread: boolean;
}

/** Chat list filters (issue #20); `before` is the last chat of the previous page (`<updatedAt>.<chatId>`). */
export interface ChatListOptions {
  limit?: number;
  archived?: boolean;
  /** Unread messages or marked unread. */
  unread?: boolean;
  /** Only groups (true) or only direct chats (false). */
  groups?: boolean;
  before?: string;
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

/**
 * Conversation history per profile and chat in the records database. A message and its chat's
 * summary are written in the hot path's transaction (one per tick for every message of the tick);
 * pages are keyset queries by chat and time, and the chat list reads the summaries only. No cache:
 * the summary is updated in SQL (`unread = unread + 1`), so any node may record.
 */
export class MessageHistory {
  constructor(
    private readonly database: Database,
    private readonly batch: TickBatch,
  ) {}

  // Nobody's answer waits on a history entry: it may wait the batch's window for company.
  /** Records a message once per id; a message reported again replaces its entry, keeping a poll's votes. */
  record(profileId: string, message: WAMessage): Promise<void> {
    const { profileId: _drop, ...stored } = message as WAMessage & { profileId?: string };
    return this.batch.add(
      HISTORY_ENTRIES,
      { profileId, message, stored, preview: preview(message) },
      {
        defer: true,
      },
    );
  }

  /**
   * Keeps a voter's current choice on the poll's entry; a new vote replaces the voter's previous
   * one and an empty `selected` withdraws it. A vote on a poll not in the history is dropped.
   */
  recordVote(profileId: string, vote: { pollId: string; voter: string; selected: string[] }): Promise<void> {
    return this.batch.run(async (tx) => {
      const [row] = await tx
        .select()
        .from(chatMessages)
        .where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, vote.pollId)))
        .for("update");
      const poll = row?.message;
      if (poll?.content.type !== "poll") return;
      const { [vote.voter]: _previous, ...others } = poll.content.votes ?? {};
      const votes = vote.selected.length ? { ...others, [vote.voter]: vote.selected } : others;
      await tx
        .update(chatMessages)
        .set({ message: { ...poll, content: { ...poll.content, votes } } })
        .where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, vote.pollId)));
    });
  }

  /** Conversations, most recent first; a keyset page by (updatedAt, chatId). */
  async chats(profileId: string, options: ChatListOptions = {}): Promise<Chat[]> {
    const where: (SQL | undefined)[] = [eq(chats.profileId, profileId)];
    if (options.archived !== undefined) where.push(eq(chats.archived, options.archived));
    if (options.unread !== undefined) {
      const unread = or(gt(chats.unread, 0), eq(chats.markedUnread, true));
      where.push(options.unread ? unread : not(unread!));
    }
    if (options.groups !== undefined)
      where.push(options.groups ? like(chats.chatId, "%@g.us") : not(like(chats.chatId, "%@g.us")));
    const cursor = parseChatCursor(options.before);
    if (cursor)
      where.push(
        or(
          lt(chats.updatedAt, cursor.updatedAt),
          and(eq(chats.updatedAt, cursor.updatedAt), lt(chats.chatId, cursor.chatId)),
        ),
      );
    const rows = await this.database.db
      .select()
      .from(chats)
      .where(and(...where))
      .orderBy(desc(chats.updatedAt), desc(chats.chatId))
      .limit(options.limit ?? 100);
    return rows.map(toChat);
  }

  /**
   * A chat's settings changed (through MultiWA or on the phone): the row keeps archive, pin, mute and
   * the unread mark; `cleared` drops the messages and keeps the chat; `deleted` drops both. A chat not
   * yet in the list gets a row, so an archived chat stays archived when its first message arrives.
   */
  applyChatUpdate(profileId: string, update: Omit<ChatUpdateEvent, "profileId">): Promise<void> {
    const { chatId } = update;
    return this.batch.run(async (tx) => {
      if (update.deleted || update.cleared) {
        await tx
          .delete(chatMessages)
          .where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.chatId, chatId)));
        const row = and(eq(chats.profileId, profileId), eq(chats.chatId, chatId));
        if (update.deleted) return void (await tx.delete(chats).where(row));
        await tx.update(chats).set({ lastMessage: null, unread: 0, markedUnread: false }).where(row);
      }
      const set = {
        ...(update.archived !== undefined ? { archived: update.archived } : {}),
        ...(update.pinned !== undefined ? { pinned: update.pinned } : {}),
        ...(update.mutedUntil !== undefined ? { mutedUntil: update.mutedUntil } : {}),
        // Marking read clears the unread count too, as on the phone.
        ...(update.unread !== undefined
          ? { markedUnread: update.unread, ...(update.unread ? {} : { unread: 0 }) }
          : {}),
      };
      if (!Object.keys(set).length) return;
      await tx
        .insert(chats)
        .values({ profileId, chatId, unread: 0, updatedAt: 0, ...set })
        .onConflictDoUpdate({ target: [chats.profileId, chats.chatId], set });
    });
  }

  async chat(profileId: string, chatId: string): Promise<Chat | null> {
    const [row] = await this.database.db
      .select()
      .from(chats)
      .where(and(eq(chats.profileId, profileId), eq(chats.chatId, chatId)));
    return row ? toChat(row) : null;
  }

  /** Newest messages first-page-last: returns up to `limit` messages older than `before`, oldest first. */
  async messages(
    profileId: string,
    chatId: string,
    options: { limit?: number; before?: string } = {},
  ): Promise<HistoryPage> {
    const limit = options.limit ?? 50;
    const cursor = parseCursor(options.before);
    const m = chatMessages;
    const rows = await this.database.db
      .select({ timestamp: m.timestamp, seq: m.seq, message: m.message })
      .from(m)
      .where(
        and(
          eq(m.profileId, profileId),
          eq(m.chatId, chatId),
          cursor
            ? or(lt(m.timestamp, cursor.timestamp), and(eq(m.timestamp, cursor.timestamp), lt(m.seq, cursor.seq)))
            : undefined,
        ),
      )
      .orderBy(desc(m.timestamp), desc(m.seq))
      .limit(limit + 1);
    const page = rows.slice(0, limit).reverse();
    const oldest = page[0];
    return {
      messages: page.map((r) => r.message as WAMessage),
      ...(oldest && rows.length > limit ? { next: `${oldest.timestamp}.${oldest.seq}` } : {}),
    };
  }

  /** A chat's oldest recorded message: where an on-demand history fetch continues from. */
  async oldest(profileId: string, chatId: string): Promise<WAMessage | null> {
    const m = chatMessages;
    const [row] = await this.database.db
      .select({ message: m.message })
      .from(m)
      .where(and(eq(m.profileId, profileId), eq(m.chatId, chatId)))
      .orderBy(m.timestamp, m.seq)
      .limit(1);
    return (row?.message as WAMessage | undefined) ?? null;
  }

  /** One recorded message by id. */
  async message(profileId: string, id: string): Promise<WAMessage | null> {
    const [row] = await this.database.db
      .select({ message: chatMessages.message })
      .from(chatMessages)
      .where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, id)));
    return (row?.message as WAMessage | undefined) ?? null;
  }

  async removeProfile(profileId: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      await tx.delete(chatMessages).where(eq(chatMessages.profileId, profileId));
      await tx.delete(chats).where(eq(chats.profileId, profileId));
    });
  }

  markRead(profileId: string, chatId: string): Promise<void> {
    return this.batch.run(
      async (tx) =>
        void (await tx
          .update(chats)
          .set({ unread: 0, markedUnread: false })
          .where(and(eq(chats.profileId, profileId), eq(chats.chatId, chatId)))),
    );
  }

  /** Deletes messages older than `before`, `limit` at a time (chat summaries stay); resolves with how many. */
  async prune(before: number, limit = 1000): Promise<number> {
    const key = [chatMessages.profileId, chatMessages.id] as const;
    return deleteBatch(this.database.db, chatMessages, key, lt(chatMessages.timestamp, before), limit);
  }
}

// --- Internal helpers ---

function parseCursor(before: string | undefined): { timestamp: number; seq: number } | undefined {
  const match = before ? /^(\d+)\.(\d+)$/.exec(before) : null;
  return match ? { timestamp: Number(match[1]), seq: Number(match[2]) } : undefined;
}

function parseChatCursor(before: string | undefined): { updatedAt: number; chatId: string } | undefined {
  const match = before ? /^(\d+)\.(.+)$/.exec(before) : null;
  return match ? { updatedAt: Number(match[1]), chatId: match[2]! } : undefined;
}

function toChat(row: typeof chats.$inferSelect): Chat {
  return {
    id: row.chatId,
    profileId: row.profileId,
    unread: row.unread,
    updatedAt: row.updatedAt,
    archived: row.archived,
    pinned: row.pinned,
    markedUnread: row.markedUnread,
    ...(row.mutedUntil !== null ? { mutedUntil: row.mutedUntil } : {}),
    ...(row.lastMessage ? { lastMessage: row.lastMessage } : {}),
  };
}

/** What a chat list shows of a message. */
export function preview(message: WAMessage): ChatPreview {
  const c = message.content;
  const text =
    c.type === "text" || c.type === "edit"
      ? c.text
      : "caption" in c
        ? c.caption
        : c.type === "poll"
          ? c.name
          : undefined;
  return {
    id: message.id,
    fromMe: message.fromMe,
    type: c.type,
    timestamp: message.timestamp,
    ...(text ? { text } : {}),
  };
}
