import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { WAMessage } from "../engine/types.js";
import type { Coalesced } from "../util/tick-batch.js";
import type { ChatPreview } from "./history.js";
import { chatMessages } from "./table.js";

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
    const inserted = rowsOf<{ profile_id: string; id: string }>(await tx.execute(insertMessages(entries)));
    const fresh = new Set(inserted.map((r) => `${r.profile_id}\u0000${r.id}`));
    const summaries = new Map<string, Summary>();
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
    if (summaries.size) await tx.execute(upsertSummaries([...summaries.values()]));
    return entries.map(() => undefined);
  },
};

interface Summary {
  profileId: string;
  chatId: string;
  lastMessage: ChatPreview;
  unread: number;
  updatedAt: number;
}

/**
 * The tick's messages, ids already stored skipped, in one statement whose text is the same for any number
 * of rows (#18): one array parameter per column, so it is prepared once and drizzle builds no row list.
 * Rows go in their order, so `seq` follows the order they were recorded in.
 */
function insertMessages(entries: HistoryEntry[]): SQL {
  const column = (pick: (e: HistoryEntry) => string) => sql.param(entries.map(pick));
  return sql`
    insert into chat_messages (profile_id, id, chat_id, timestamp, message)
    select profile_id, id, chat_id, timestamp::bigint, message::jsonb from unnest(
      ${column((e) => e.profileId)}::text[], ${column((e) => e.message.id)}::text[],
      ${column((e) => e.message.chatId)}::text[], ${column((e) => String(e.message.timestamp))}::text[],
      ${column((e) => JSON.stringify(e.stored))}::text[]
    ) with ordinality as i(profile_id, id, chat_id, timestamp, message, n)
    order by n
    on conflict do nothing
    returning profile_id, id`;
}

/** The chats' summaries: the newest message, unread raised, time only forward; the same text for any number. */
function upsertSummaries(summaries: Summary[]): SQL {
  const column = (pick: (s: Summary) => string) => sql.param(summaries.map(pick));
  return sql`
    insert into chats (profile_id, chat_id, last_message, unread, updated_at)
    select profile_id, chat_id, last_message::jsonb, unread::int, updated_at::bigint from unnest(
      ${column((s) => s.profileId)}::text[], ${column((s) => s.chatId)}::text[],
      ${column((s) => JSON.stringify(s.lastMessage))}::text[], ${column((s) => String(s.unread))}::text[],
      ${column((s) => String(s.updatedAt))}::text[]
    ) as i(profile_id, chat_id, last_message, unread, updated_at)
    on conflict (profile_id, chat_id) do update set
      last_message = excluded.last_message,
      unread = chats.unread + excluded.unread,
      updated_at = greatest(chats.updated_at, excluded.updated_at)`;
}

/** Rows of a raw statement (PGlite and node-postgres both answer `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

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
