import { sql } from "drizzle-orm";
import type { Coalesced } from "../util/tick-batch.js";
import { contacts } from "./table.js";

type Row = typeof contacts.$inferSelect;
export type Touch = typeof contacts.$inferInsert;

/**
 * A tick's inbound senders, one upsert: each contact once (a chatty sender's messages of one tick become
 * one row, earliest first-seen and latest last-seen), and every message of that sender gets the row back.
 */
export const TOUCHES: Coalesced<Touch, Row | undefined> = {
  async flush(tx, touches) {
    const merged = new Map<string, Touch>();
    for (const t of touches) {
      const key = `${t.workspaceId}\u0000${t.id}`;
      const seen = merged.get(key);
      merged.set(
        key,
        seen
          ? {
              ...seen,
              name: seen.name ?? t.name ?? null,
              firstSeenAt: Math.min(seen.firstSeenAt!, t.firstSeenAt!),
              lastSeenAt: Math.max(seen.lastSeenAt!, t.lastSeenAt!),
            }
          : t,
      );
    }
    const rows = await tx
      .insert(contacts)
      .values([...merged.values()])
      .onConflictDoUpdate({
        target: [contacts.workspaceId, contacts.id],
        set: {
          name: sql`coalesce(${contacts.name}, excluded.name)`,
          firstSeenAt: sql`coalesce(${contacts.firstSeenAt}, excluded.first_seen_at)`,
          lastSeenAt: sql`greatest(coalesce(${contacts.lastSeenAt}, 0), excluded.last_seen_at)`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .returning();
    const byKey = new Map(rows.map((r) => [`${r.workspaceId}\u0000${r.id}`, r]));
    return touches.map((t) => byKey.get(`${t.workspaceId}\u0000${t.id}`));
  },
};
