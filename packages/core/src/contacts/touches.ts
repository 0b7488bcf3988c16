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
    // One text for any number of senders (#18): array parameters, so it is prepared once and drizzle builds
    // no row list; before, each sender count of a tick was a statement of its own. Columns in table order.
    const list = [...merged.values()];
    const column = (pick: (t: Touch) => string | number | null | undefined) =>
      sql.param(list.map((t) => (pick(t) == null ? null : String(pick(t)))));
    const rows = await tx
      .insert(contacts)
      .select(
        sql`select workspace_id, id, jid, phone, name, '{}'::text[], '{}'::jsonb, false, first_seen_at::bigint,
          last_seen_at::bigint, created_at::bigint, updated_at::bigint
        from unnest(${column((t) => t.workspaceId)}::text[], ${column((t) => t.id)}::text[], ${column((t) => t.jid)}::text[],
          ${column((t) => t.phone)}::text[], ${column((t) => t.name)}::text[], ${column((t) => t.firstSeenAt)}::text[],
          ${column((t) => t.lastSeenAt)}::text[], ${column((t) => t.createdAt)}::text[], ${column((t) => t.updatedAt)}::text[])
          as i(workspace_id, id, jid, phone, name, first_seen_at, last_seen_at, created_at, updated_at)`,
      )
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
