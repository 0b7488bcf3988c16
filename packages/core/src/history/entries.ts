import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { WAMessage } from "../engine/types.js";
import type { Coalesced } from "../util/tick-batch.js";
import type { ChatPreview } from "./history.js";
import { chatMessages, chats } from "./table.js";

export interface HistoryEntry {
  profileId: string;
  message: WAMessage;
  /** What is stored: the message without its profile id. */
  stored: Omit<WAMessage, "profileId">;
  preview: ChatPreview;
}

/**
 * A tick's history entries: one multi-row insert of the messages, then one upsert of the chat summaries
 * they change (a summary once per chat: its newest message, its unread count raised by all of them).
 */
export const HISTORY_ENTRIES: Coalesced<HistoryEntry, void> = {
  async flush(tx, entries) {
    const inserted = await tx
      .insert(chatMessages)
      .values(
        entries.map(({ profileId, message, stored }) => ({
          profileId,
          id: message.id,
          chatId: message.chatId,
          timestamp: message.timestamp,
          message: stored as WAMessage,
        })),
      )
      .onConflictDoNothing()
      .returning({ profileId: chatMessages.profileId, id: chatMessages.id });
    const fresh = new Set(inserted.map((r) => `${r.profileId}\u0000${r.id}`));
    const summaries = new Map<string, typeof chats.$inferInsert>();
    for (const entry of entries) {
      const key = `${entry.profileId}\u0000${entry.message.id}`;
      if (!fresh.delete(key)) {
        await replace(tx, entry);
        continue;
      }
      const chat = `${entry.profileId}\u0000${entry.message.chatId}`;
      const summary = summaries.get(chat);
      const unread = entry.message.fromMe ? 0 : 1;
      summaries.set(chat, {
        profileId: entry.profileId,
        chatId: entry.message.chatId,
        lastMessage: entry.preview,
        unread: (summary?.unread ?? 0) + unread,
        updatedAt: Math.max(summary?.updatedAt ?? 0, entry.message.timestamp),
      });
    }
    if (!summaries.size) return entries.map(() => undefined);
    await tx
      .insert(chats)
      .values([...summaries.values()])
      .onConflictDoUpdate({
        target: [chats.profileId, chats.chatId],
        set: {
          lastMessage: sql`excluded.last_message`,
          unread: sql`${chats.unread} + excluded.unread`,
          updatedAt: sql`greatest(${chats.updatedAt}, excluded.updated_at)`,
        },
      });
    return entries.map(() => undefined);
  },
};

/** Engines may report a message again after a reconnect: no second copy, no second unread; a poll keeps its votes. */
async function replace(tx: Db, { profileId, message, stored }: HistoryEntry): Promise<void> {
  const votes = message.content.type === "poll" ? sql`${chatMessages.message}->'content'->'votes'` : sql`null`;
  await tx
    .update(chatMessages)
    .set({
      message: sql`case when ${votes} is null then ${JSON.stringify(stored)}::jsonb else jsonb_set(${JSON.stringify(stored)}::jsonb, '{content,votes}', ${votes}) end`,
    })
    .where(and(eq(chatMessages.profileId, profileId), eq(chatMessages.id, message.id)));
}
