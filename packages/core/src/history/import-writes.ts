import { sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import type { HistoryChatInfo } from "../engine/history-types.js";
import type { WAMessage } from "../engine/types.js";
import { preview } from "./history.js";
import { chatMessages, chats } from "./table.js";

/** Rows per statement: 5 columns each stays far below Postgres' 65535 parameters, and jsonb stays small. */
const ROWS = 1000;

/**
 * Writes a chunk of past messages: multi-row inserts that skip ids already stored (a chunk sent twice,
 * a message that arrived live first), then one upsert of the chats they belong to. A chat's summary
 * moves only forward in time, and history adds no unread: the count is the phone's when the chat is new.
 * Resolves with how many messages and chats were new.
 */
export async function writeHistory(
  tx: Db,
  profileId: string,
  messages: WAMessage[],
  infos: HistoryChatInfo[],
): Promise<{ messages: number; chats: number }> {
  let fresh = 0;
  for (let i = 0; i < messages.length; i += ROWS) {
    const rows = messages.slice(i, i + ROWS).map(({ profileId: _drop, ...m }: WAMessage & { profileId?: string }) => ({
      profileId,
      id: m.id,
      chatId: m.chatId,
      timestamp: m.timestamp,
      message: m as WAMessage,
    }));
    const inserted = await tx
      .insert(chatMessages)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: chatMessages.id });
    fresh += inserted.length;
  }
  const newest = new Map<string, WAMessage>();
  for (const m of messages) if ((newest.get(m.chatId)?.timestamp ?? -1) < m.timestamp) newest.set(m.chatId, m);
  if (!newest.size) return { messages: fresh, chats: 0 };
  const info = new Map(infos.map((c) => [c.id, c]));
  const rows = [...newest.values()].map((m) => {
    const c = info.get(m.chatId);
    return {
      profileId,
      chatId: m.chatId,
      lastMessage: preview(m),
      unread: c?.unread ?? 0,
      updatedAt: m.timestamp,
      archived: c?.archived ?? false,
      pinned: c?.pinned ?? false,
      mutedUntil: c?.mutedUntil ?? null,
    };
  });
  let created = 0;
  for (let i = 0; i < rows.length; i += ROWS) {
    const upserted = await tx
      .insert(chats)
      .values(rows.slice(i, i + ROWS))
      .onConflictDoUpdate({
        target: [chats.profileId, chats.chatId],
        set: {
          lastMessage: sql`case when excluded.updated_at >= ${chats.updatedAt} then excluded.last_message else ${chats.lastMessage} end`,
          updatedAt: sql`greatest(${chats.updatedAt}, excluded.updated_at)`,
        },
      })
      // xmax = 0 on a row this statement inserted, not on one it updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    created += upserted.filter((r) => r.inserted).length;
  }
  return { messages: fresh, chats: created };
}
