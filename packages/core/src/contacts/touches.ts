import { sql } from "drizzle-orm";
import { textArray } from "../db/array-param.js";
import type { Coalesced } from "../util/tick-batch.js";
import type { contacts } from "./table.js";

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
    // One statement of fixed text for any number of senders (#18): array parameters, so it is prepared once
    // and drizzle builds nothing per tick; before, each sender count of a tick was a statement of its own.
    const list = [...merged.values()];
    const column = (pick: (t: Touch) => string | number | null | undefined) => textArray(list, pick);
    const result = await tx.execute(sql`
      insert into contacts (workspace_id, id, jid, phone, name, first_seen_at, last_seen_at, created_at, updated_at)
      select workspace_id, id, jid, phone, name, first_seen_at::bigint, last_seen_at::bigint, created_at::bigint,
        updated_at::bigint
      from unnest(${column((t) => t.workspaceId)}::text[], ${column((t) => t.id)}::text[], ${column((t) => t.jid)}::text[],
        ${column((t) => t.phone)}::text[], ${column((t) => t.name)}::text[], ${column((t) => t.firstSeenAt)}::text[],
        ${column((t) => t.lastSeenAt)}::text[], ${column((t) => t.createdAt)}::text[], ${column((t) => t.updatedAt)}::text[])
        as i(workspace_id, id, jid, phone, name, first_seen_at, last_seen_at, created_at, updated_at)
      on conflict (workspace_id, id) do update set
        name = coalesce(contacts.name, excluded.name),
        first_seen_at = coalesce(contacts.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(coalesce(contacts.last_seen_at, 0), excluded.last_seen_at),
        updated_at = excluded.updated_at
      returning workspace_id, id, jid, phone, name, tags, fields, opt_out, first_seen_at, last_seen_at, created_at,
        updated_at`);
    const rows = (result as unknown as { rows: StoredRow[] }).rows.map(toRow);
    const byKey = new Map(rows.map((r) => [`${r.workspaceId}\u0000${r.id}`, r]));
    return touches.map((t) => byKey.get(`${t.workspaceId}\u0000${t.id}`));
  },
};

/** A row as the raw statement returns it (int8 is a string on node-postgres, a number or bigint on PGlite). */
interface StoredRow {
  workspace_id: string;
  id: string;
  jid: string;
  phone: string | null;
  name: string | null;
  tags: string[];
  fields: Record<string, string>;
  opt_out: boolean;
  first_seen_at: string | number | bigint | null;
  last_seen_at: string | number | bigint | null;
  created_at: string | number | bigint;
  updated_at: string | number | bigint;
}

function toRow(r: StoredRow): Row {
  const at = (v: string | number | bigint | null) => (v === null ? null : Number(v));
  return {
    workspaceId: r.workspace_id,
    id: r.id,
    jid: r.jid,
    phone: r.phone,
    name: r.name,
    tags: r.tags,
    fields: r.fields,
    optOut: r.opt_out,
    firstSeenAt: at(r.first_seen_at),
    lastSeenAt: at(r.last_seen_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}
