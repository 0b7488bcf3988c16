import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database, Db } from "../db/types.js";
import type { TickBatch } from "../util/tick-batch.js";
import { outboxMessages } from "./table.js";

export type MessageStatus = "queued" | "sending" | "sent" | "delivered" | "read" | "failed";

/** The gateway's view of one outbound message, kept so callers can poll its progress. */
export interface MessageRecord {
  id: string;
  profileId: string;
  to: string;
  type: string;
  status: MessageStatus;
  createdAt: number;
  updatedAt: number;
  attempts: number;
  idempotencyKey?: string;
  /** The id the engine gave the message when it could not use ours (whatsapp-web.js picks its own). */
  engineId?: string;
  error?: { code: string; message: string };
}

export interface AdvancePatch {
  attempts?: number;
  engineId?: string;
  error?: { code: string; message: string };
  /** The engine took the message (or it failed for good): it leaves the queue. */
  finish?: boolean;
}

export const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

type Row = typeof outboxMessages.$inferSelect;

/**
 * Status records of sent messages, in the outbox table (one row per message, see `table.ts`). No
 * cache: every node reads the database, and each change is one conditional update in the tick's
 * transaction, so concurrent receipts and the sender's own "sent" never lose each other.
 */
export class MessageRecords {
  constructor(
    private readonly database: Database,
    private readonly batch: TickBatch,
  ) {}

  async get(profileId: string, id: string): Promise<MessageRecord | null> {
    const [row] = await this.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.profileId, profileId), eq(outboxMessages.id, id)));
    return row ? toRecord(row) : null;
  }

  /**
   * Moves a record forward only: a late "delivered" never overwrites "read", and "failed" is final.
   * `id` is ours or the engine's. `onChange` runs when the status really moved, so counters see each
   * transition once.
   */
  advance(
    profileId: string,
    id: string,
    status: MessageStatus,
    patch: AdvancePatch = {},
    onChange?: (record: MessageRecord, previous: MessageStatus) => void,
  ): Promise<MessageRecord | null> {
    return this.batch.run(async (tx) => {
      const moved = await advanceRow(tx, profileId, id, status, patch);
      if (moved && moved.record.status !== moved.previous) onChange?.(moved.record, moved.previous);
      return moved?.record ?? null;
    });
  }

  /** Remembers that the engine knows message `id` as `engineId`, so its receipts find the record. */
  async alias(profileId: string, id: string, engineId: string): Promise<void> {
    await this.advance(profileId, id, "sent", { engineId });
  }

  async removeProfile(profileId: string): Promise<void> {
    await this.database.db.delete(outboxMessages).where(eq(outboxMessages.profileId, profileId));
  }

  /** Deletes records no longer queued and last changed before `before`, `limit` at a time; resolves with how many. */
  async prune(before: number, limit = 1000): Promise<number> {
    const old = this.database.db
      .select({ profileId: outboxMessages.profileId, id: outboxMessages.id })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.queued, false), lt(outboxMessages.updatedAt, before)))
      .limit(limit);
    const removed = await this.database.db
      .delete(outboxMessages)
      .where(inArray(sql`(${outboxMessages.profileId}, ${outboxMessages.id})`, old))
      .returning({ id: outboxMessages.id });
    return removed.length;
  }
}

// --- Internal helpers ---

async function advanceRow(tx: Db, profileId: string, id: string, status: MessageStatus, patch: AdvancePatch) {
  const finish = patch.finish ?? false;
  const result = await tx.execute(sql`
    with prev as (
      select id, status from outbox_messages
      where profile_id = ${profileId} and (id = ${id} or engine_id = ${id}) and status <> 'failed'
      order by (id = ${id}) desc limit 1 for update
    )
    update outbox_messages m set
      status = case when ${RANK[status]} > m.rank then ${status} else m.status end,
      rank = greatest(m.rank, ${RANK[status]}),
      updated_at = ${Date.now()},
      attempts = coalesce(${patch.attempts ?? null}::int, m.attempts),
      engine_id = coalesce(${patch.engineId ?? null}::text, m.engine_id),
      error = coalesce(${patch.error ? JSON.stringify(patch.error) : null}::jsonb, m.error),
      queued = m.queued and not ${finish},
      payload = case when ${finish} then null else m.payload end
    from prev
    where m.profile_id = ${profileId} and m.id = prev.id
    returning m.*, prev.status as previous`);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0];
  return row ? { record: fromRaw(row), previous: row.previous as MessageStatus } : undefined;
}

export function toRecord(row: Row): MessageRecord {
  return {
    id: row.id,
    profileId: row.profileId,
    to: row.to,
    type: row.type,
    status: row.status,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    attempts: row.attempts,
    ...(row.idempotencyKey ? { idempotencyKey: row.idempotencyKey } : {}),
    ...(row.engineId ? { engineId: row.engineId } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

/** A row from raw SQL (snake_case; bigints may arrive as strings from node-postgres). */
function fromRaw(r: Record<string, unknown>): MessageRecord {
  return toRecord({
    profileId: r.profile_id as string,
    id: r.id as string,
    to: r.to as string,
    type: r.type as string,
    status: r.status as MessageStatus,
    rank: Number(r.rank),
    attempts: Number(r.attempts),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    engineId: (r.engine_id as string | null) ?? null,
    error: (typeof r.error === "string" ? JSON.parse(r.error) : r.error) as Row["error"],
    seq: r.seq as string,
    queued: Boolean(r.queued),
    payload: null,
  });
}
