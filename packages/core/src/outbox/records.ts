import { and, eq, lt, sql, type SQL } from "drizzle-orm";
import { deleteBatch } from "../db/delete-batch.js";
import type { Database, Db } from "../db/types.js";
import type { Coalesced, TickBatch } from "../util/tick-batch.js";
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
  /**
   * While the message waits out WhatsApp's limit on new chats (issue #21, status `queued`): when it is tried
   * again and how many times it was held (it fails past the cap).
   */
  held?: { until: number; holds: number };
}

/** One profile's send queue, for monitoring. */
export interface QueueDepth {
  profileId: string;
  /** Messages accepted and not yet taken by the engine (nor failed). */
  depth: number;
  /** When the oldest of them was accepted (ms). */
  oldestAt: number;
}

export interface AdvancePatch {
  attempts?: number;
  engineId?: string;
  /** `null` clears a transient error (a hold that is over). */
  error?: { code: string; message: string } | null;
  /** The engine took the message (or it failed for good): it leaves the queue. */
  finish?: boolean;
}

export const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

type Row = typeof outboxMessages.$inferSelect;

/**
 * Status records of sent messages, in the outbox table (one row per message, see `table.ts`). No
 * cache: every node reads the database, and a tick's changes are conditional updates (one statement for
 * all of them) in the tick's transaction, so concurrent receipts and the sender's own "sent" never lose
 * each other.
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
    // A status past the send (sent, receipts) answers nobody: it may wait the batch's window for company.
    const defer = RANK[status] >= RANK.sent && status !== "failed";
    return this.batch.add(ADVANCES, { profileId, id, status, patch }, { defer }).then((moved) => {
      if (moved && moved.record.status !== moved.previous) onChange?.(moved.record, moved.previous);
      return moved?.record ?? null;
    });
  }

  /** Remembers that the engine knows message `id` as `engineId`, so its receipts find the record. */
  async alias(profileId: string, id: string, engineId: string): Promise<void> {
    await this.advance(profileId, id, "sent", { engineId });
  }

  /**
   * Every profile with sends waiting: how many and when the oldest was accepted. One grouped read
   * over the queue's partial index (only queued rows), whatever the number of profiles.
   */
  async queues(): Promise<QueueDepth[]> {
    const m = outboxMessages;
    return this.database.db
      .select({
        profileId: m.profileId,
        depth: sql<number>`count(*)::int`,
        oldestAt: sql<number>`min(${m.createdAt})::float8`,
      })
      .from(m)
      .where(eq(m.queued, true))
      .groupBy(m.profileId);
  }

  async removeProfile(profileId: string): Promise<void> {
    await this.database.db.delete(outboxMessages).where(eq(outboxMessages.profileId, profileId));
  }

  /** Deletes records no longer queued and last changed before `before`, `limit` at a time; resolves with how many. */
  async prune(before: number, limit = 1000): Promise<number> {
    const stale = and(eq(outboxMessages.queued, false), lt(outboxMessages.updatedAt, before));
    return deleteBatch(this.database.db, outboxMessages, [outboxMessages.profileId, outboxMessages.id], stale, limit);
  }
}

// --- Internal helpers ---

interface AdvanceInput {
  profileId: string;
  id: string;
  status: MessageStatus;
  patch: AdvancePatch;
}
type Moved = { record: MessageRecord; previous: MessageStatus } | undefined;
type Indexed = { input: AdvanceInput; at: number };

/** A tick's status changes, as few statements as possible (usually one). */
const ADVANCES: Coalesced<AdvanceInput, Moved> = {
  async flush(tx, inputs) {
    const results: Moved[] = Array.from({ length: inputs.length });
    let pending: Indexed[] = inputs.map((input, at) => ({ input, at }));
    while (pending.length) {
      // One statement changes a row once: a record named twice in a tick (delivered, then read) takes two rounds, in order.
      const round: Indexed[] = [];
      const later: Indexed[] = [];
      const named = new Set<string>();
      for (const item of pending) {
        const key = `${item.input.profileId}\u0000${item.input.id}`;
        (named.has(key) ? later : round).push(item);
        named.add(key);
      }
      const byId = await advanceRows(tx, round, "id");
      // The engine's id only for what our id did not find (whatsapp-web.js picks its own ids).
      const rest = round.filter((_, k) => !byId[k]);
      const byEngineId = rest.length ? await advanceRows(tx, rest, "engine_id") : [];
      round.forEach((item, k) => (results[item.at] = byId[k]));
      rest.forEach((item, k) => (results[item.at] = byEngineId[k]));
      pending = later;
    }
    return results;
  },
};

async function advanceRows(tx: Db, items: Indexed[], by: AdvanceKey): Promise<Moved[]> {
  const result = await tx.execute(
    advanceStatement(
      items.map((item) => item.input),
      by,
    ),
  );
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const moved: Moved[] = Array.from({ length: items.length });
  for (const row of rows) moved[Number(row.n) - 1] = { record: fromRaw(row), previous: row.previous as MessageStatus };
  return moved;
}

type AdvanceKey = "id" | "engine_id";

/**
 * The conditional update behind `advance`, for many records at once (exported so a test can read its
 * plan). Records are found by key: our id (the primary key) or the engine's (its index). One
 * `id = … or engine_id = …` filter could use neither index and read every record of the profile (2 ms at
 * 2k rows, three times per sent message). The lookup locks each row, so `previous` is the status the
 * update really replaced.
 */
export function advanceStatement(inputs: AdvanceInput[], by: AdvanceKey = "id"): SQL {
  // One array parameter per column (a bare array in `sql` would become a list of parameters).
  const column = <T>(pick: (input: AdvanceInput) => T) => sql.param(inputs.map(pick));
  return sql`
    with input as (
      select * from unnest(
        ${column((i) => i.profileId)}::text[], ${column((i) => i.id)}::text[], ${column((i) => i.status)}::text[],
        ${column((i) => RANK[i.status])}::int[], ${column((i) => i.patch.attempts ?? null)}::int[],
        ${column((i) => i.patch.engineId ?? null)}::text[],
        ${column((i) => (i.patch.error === null ? "null" : i.patch.error ? JSON.stringify(i.patch.error) : null))}::text[],
        ${column((i) => i.patch.finish ?? false)}::bool[]
      ) with ordinality as i(profile_id, id, status, rank, attempts, engine_id, error, finish, n)
    ), prev as (
      select i.n, m.id, m.status from input i
      join outbox_messages m on m.profile_id = i.profile_id and m.${sql.raw(by)} = i.id and m.status <> 'failed'
      for update of m
    )
    update outbox_messages m set
      status = case when i.rank > m.rank then i.status else m.status end,
      rank = greatest(m.rank, i.rank),
      updated_at = ${Date.now()},
      attempts = coalesce(i.attempts, m.attempts),
      engine_id = coalesce(i.engine_id, m.engine_id),
      error = coalesce(i.error::jsonb, m.error),
      queued = m.queued and not i.finish,
      payload = case when i.finish then null else m.payload end
    from prev join input i using (n)
    where m.profile_id = i.profile_id and m.id = prev.id
    returning prev.n, m.profile_id, m.id, m."to", m.type, m.status, m.rank, m.attempts, m.created_at, m.updated_at,
      m.idempotency_key, m.engine_id, m.error, m.seq, m.queued, prev.status as previous`;
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
    ...(row.queued && row.payload?.held
      ? { held: { until: row.payload.held.until, holds: row.payload.held.holds } }
      : {}),
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
