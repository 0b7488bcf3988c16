import { createHash, randomUUID } from "node:crypto";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { textArray } from "../db/array-param.js";
import PQueue from "p-queue";
import type { Database } from "../db/types.js";
import { DEFAULT_LIMIT_WINDOW_MS } from "../limits/limits.js";
import type { WAMessage } from "../engine/types.js";
import { isMultiWAError, MultiWAError } from "../errors.js";
import type { MessageContent, SendOptions } from "../schemas/message.js";
import type { Coalesced, TickBatch } from "../util/tick-batch.js";
import { captureTrace, inSpan, SpanKind, type TraceCarrier } from "../util/tracing.js";
import { Pacer, sleep, type Pacing } from "./pacing.js";
import { toRecord, type MessageRecord, type MessageRecords } from "./records.js";
import { nextLimitHold, type LimitHold } from "./limit-hold.js";
import { RecipientHold, recipientPaced } from "./recipient-hold.js";
import { outboxMessages } from "./table.js";

/** A send accepted by the gateway and persisted until the engine has taken it. */
export interface OutboxItem {
  id: string;
  profileId: string;
  to: string;
  content: MessageContent;
  options: SendOptions;
  /** Sort key: accepted order survives restarts. */
  seq: string;
  attempts: number;
  createdAt: number;
  /** The accepting request's trace (when traced): the send's spans continue it, here or on another node. */
  trace?: TraceCarrier;
  /** Set while WhatsApp's limit holds the message (issue #21). */
  held?: LimitHold;
}

export interface OutboxOptions {
  database: Database;
  /** The hot path's one-transaction-per-tick writer. */
  batch: TickBatch;
  records: MessageRecords;
  profileId: string;
  pacing: Pacing;
  /** Sends one item through the engine; throws ENGINE_NOT_CONNECTED while the session is down. */
  deliver(item: OutboxItem, pacer: Pacer): Promise<WAMessage>;
  /** Resolves when the session is open again (or rejects when the outbox stops). */
  waitUntilOpen(signal: AbortSignal): Promise<void>;
  onFailed(item: OutboxItem, error: MultiWAError): void;
  /** A message WhatsApp refused for a limit is held (persisted) instead of failed. */
  onHeld?(
    item: OutboxItem,
    hold: LimitHold,
    error: { code: string; message: string; details?: Record<string, unknown> },
  ): void;
  /** How long a limit without an end holds a message. @default DEFAULT_LIMIT_WINDOW_MS */
  limitWindowMs?: number;
  /**
   * Changes whenever this node (re)acquires the profile's lease; undefined while it does not hold it.
   * An item accepted under the current epoch cannot have been sent by another node, so it needs no
   * check in the database before its first attempt. @default always check
   */
  leaseEpoch?(): number | undefined;
  /** Transient errors are retried this many times. @default 3 */
  maxAttempts?: number;
}

/** A recipient the platform keeps pacing is given up on after this many holds of one message. */
const MAX_HOLDS = 30;

/** How long a sent message is remembered for WhatsApp's late refusal (the ack, then a query of ~10 s). */
const REFUSAL_MS = 5 * 60_000;

const NEVER_RETRY = new Set([
  "VALIDATION_FAILED",
  "INVALID_JID",
  "CAPABILITY_UNSUPPORTED",
  "MESSAGE_NOT_FOUND",
  "SESSION_LOGGED_OUT",
]);

/**
 * One profile's durable send queue. A message is a row of the outbox table, written (in the tick's
 * transaction) before `enqueue` returns and taken off the queue only after the engine accepted it;
 * its id is fixed at enqueue time, so a send cut short by a crash is retried under the same id and
 * the recipient sees it once.
 */
export class Outbox {
  private readonly queue: PQueue;
  private readonly pacer: Pacer;
  private readonly queued = new Set<string>();
  /** `sent` updates still waiting for their transaction; stop and onIdle wait for them. */
  private readonly committing = new Set<Promise<unknown>>();
  private readonly pendingKeys = new Map<string, Promise<MessageRecord>>();
  /** Items accepted here while holding the lease, by the epoch they were accepted under. */
  private readonly acceptedUnder = new Map<string, number>();
  private readonly abort = new AbortController();
  /** Recipients the platform paces (pair rate): their messages wait in line, others go on. */
  private readonly hold = new RecipientHold<OutboxItem>((items) => items.forEach((i) => this.schedule(i, true)));
  /** How many times each held message was held, to give up on a recipient that never frees up. */
  private readonly holds = new Map<string, number>();
  /** Messages the engine took lately, for a late refusal to hold (by id, in sending order). */
  private readonly recent = new Map<string, { item: OutboxItem; at: number; written: Promise<unknown> }>();
  private seq = 0;

  constructor(private readonly options: OutboxOptions) {
    this.pacer = new Pacer(options.pacing);
    const cap = options.pacing.perMinute;
    this.queue = new PQueue({ concurrency: 1, ...(cap > 0 ? { intervalCap: cap, interval: 60_000 } : {}) });
  }

  get size(): number {
    return this.queue.size + this.queue.pending;
  }

  /** Persists the send and queues it; the same idempotency key returns the first record. */
  enqueue(to: string, content: MessageContent, options: SendOptions): Promise<MessageRecord> {
    const key = options.idempotencyKey;
    if (!key) return this.accept(to, content, options);
    const pending = this.pendingKeys.get(key);
    if (pending) return pending;
    const task = this.acceptOnce(key, to, content, options).finally(() => this.pendingKeys.delete(key));
    this.pendingKeys.set(key, task);
    return task;
  }

  /** Loads queued messages (after a restart or a move to this node) into the queue, in accepted order. */
  async restore(): Promise<number> {
    const rows = await this.options.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.profileId, this.options.profileId), eq(outboxMessages.queued, true)))
      .orderBy(asc(outboxMessages.seq));
    let restored = 0;
    for (const row of rows) {
      if (this.queued.has(row.id) || !row.payload) continue;
      const item: OutboxItem = {
        id: row.id,
        profileId: row.profileId,
        to: row.to,
        content: row.payload.content,
        options: row.payload.options,
        seq: row.seq,
        attempts: row.attempts,
        createdAt: row.createdAt,
        ...(row.payload.trace ? { trace: row.payload.trace } : {}),
        ...(row.payload.held ? { held: row.payload.held } : {}),
      };
      // A held message waits out what is left of its hold, its recipient's later messages behind it.
      if (item.held && item.held.until > Date.now()) {
        this.queued.add(item.id);
        this.hold.hold(item.to, item, item.held.until - Date.now());
      } else this.schedule(item);
      restored++;
    }
    return restored;
  }

  /**
   * Stops processing and waits for a send already handed to the engine; items stay persisted
   * for the next `restore`. A stopped outbox is discarded: pacing changes apply to the next one.
   */
  async stop(): Promise<void> {
    this.abort.abort(new MultiWAError("ENGINE_NOT_CONNECTED", "Outbox stopped"));
    this.queue.clear();
    this.hold.clear();
    await this.queue.onIdle();
    // Sends the engine took are committed now, not at the end of the window.
    if (this.committing.size > 0) await this.options.batch.flush();
    await Promise.all(this.committing);
    this.queued.clear();
    this.acceptedUnder.clear();
  }

  /**
   * WhatsApp refused a message this outbox sent for a limit on new chats (WHATSAPP_LIMITED, issue #21): puts
   * it back on the queue, held until the limit's end (its row says so: queued, the error, `payload.held`), and
   * answers true; false when it is not held (not sent here lately, opted out, a campaign's, or past the cap),
   * and then it fails as before. Messages to others, existing chats included, go on meanwhile.
   */
  holdRefused(id: string, error: { code: string; message: string; details?: Record<string, unknown> }): boolean {
    const sent = this.recent.get(id);
    if (!sent || this.abort.signal.aborted) return false;
    const { item } = sent;
    const hold = nextLimitHold(error, item.options, item.held, this.options.limitWindowMs ?? DEFAULT_LIMIT_WINDOW_MS);
    if (!hold) return false;
    this.recent.delete(id);
    item.held = hold;
    item.attempts = 0;
    this.queued.add(item.id);
    const shown = {
      code: error.code,
      message: `${error.message}; held until ${new Date(hold.until).toISOString()} (hold ${hold.holds})`,
    };
    // After its "sent" write (a refusal can come back within the same tick), which the hold undoes.
    void sent.written
      .then(() =>
        this.options.database.db
          .update(outboxMessages)
          .set({
            status: "queued",
            rank: 0,
            queued: true,
            attempts: 0,
            error: shown,
            updatedAt: Date.now(),
            payload: {
              content: item.content,
              options: item.options,
              held: hold,
              ...(item.trace ? { trace: item.trace } : {}),
            },
          })
          .where(and(eq(outboxMessages.profileId, item.profileId), eq(outboxMessages.id, item.id))),
      )
      .then(() => {
        this.hold.hold(item.to, item, Math.max(0, hold.until - Date.now()));
        this.options.onHeld?.(item, hold, { ...error, message: shown.message });
      })
      .catch(() => {
        /* not held: the row stays sent; the message is not lost, only not retried */
        this.queued.delete(item.id);
      });
    return true;
  }

  async onIdle(): Promise<void> {
    await this.queue.onIdle();
    await Promise.all(this.committing);
  }

  /** Gap and jitter apply at once; a new per-minute cap applies from the next start. */
  updatePacing(pacing: Pacing): void {
    this.pacer.update(pacing);
  }

  // --- Internal helpers ---

  /**
   * With an idempotency key the message id is derived from it, so the row itself answers "was this
   * accepted?" whatever point a crash interrupted: a repeat returns the first record.
   */
  private acceptOnce(key: string, to: string, content: MessageContent, options: SendOptions): Promise<MessageRecord> {
    return this.accept(to, content, options, idempotentMessageId(this.options.profileId, key));
  }

  private accept(to: string, content: MessageContent, options: SendOptions, fixedId?: string): Promise<MessageRecord> {
    return inSpan(
      "multiwa.outbox.enqueue",
      SpanKind.PRODUCER,
      () => ({ "multiwa.profile.id": this.options.profileId, "multiwa.message.type": content.type }),
      () => this.persist(to, content, options, fixedId),
    );
  }

  private async persist(
    to: string,
    content: MessageContent,
    options: SendOptions,
    fixedId?: string,
  ): Promise<MessageRecord> {
    const now = Date.now();
    const trace = captureTrace();
    const item: OutboxItem = {
      id: fixedId ?? newMessageId(),
      profileId: this.options.profileId,
      to,
      content,
      options,
      seq: `${String(now).padStart(15, "0")}-${String(++this.seq).padStart(6, "0")}`,
      attempts: 0,
      createdAt: now,
      ...(trace ? { trace } : {}),
    };
    const row: OutboxRow = {
      profileId: item.profileId,
      id: item.id,
      to,
      type: content.type,
      status: "queued",
      rank: 0,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      idempotencyKey: options.idempotencyKey ?? null,
      seq: item.seq,
      queued: true,
      payload: { content, options, ...(trace ? { trace } : {}) },
    };
    // Another request with the same idempotency key may have won the race: its record is the answer.
    const inserted = await this.options.batch.add(OUTBOX_ROWS, row);
    if (!inserted) return (await this.options.records.get(item.profileId, item.id))!;
    const epoch = this.options.leaseEpoch?.();
    if (epoch !== undefined) this.acceptedUnder.set(item.id, epoch);
    this.schedule(item);
    return toRecord(inserted);
  }

  private schedule(item: OutboxItem, released = false): void {
    if (this.abort.signal.aborted && released) return;
    this.queued.add(item.id);
    const signal = this.abort.signal;
    this.queue
      .add(() => this.run(item, signal))
      .catch(() => {
        /* an aborted run leaves the item persisted */
      });
  }

  private async run(item: OutboxItem, signal: AbortSignal): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (;;) {
      await this.options.waitUntilOpen(signal);
      // A later message to a held recipient waits behind the held one, in order.
      if (this.hold.isHeld(item.to)) return this.hold.hold(item.to, item);
      await this.pacer.wait(signal);
      if (signal.aborted) throw signal.reason;
      // In a cluster another node may have sent it meanwhile (it owned the profile then).
      const epoch = this.acceptedUnder.get(item.id);
      const mine = epoch !== undefined && epoch === this.options.leaseEpoch?.();
      if (item.attempts === 0 && !mine && !(await this.stillQueued(item)))
        return void (this.queued.delete(item.id), this.acceptedUnder.delete(item.id));
      item.attempts++;
      // The first attempt goes straight out; retries are recorded so progress stays visible.
      if (item.attempts > 1)
        await this.options.records.advance(item.profileId, item.id, "sending", { attempts: item.attempts });
      // Remembered before it goes out: WhatsApp's refusal can arrive while the engine's send is still
      // resolving (seen on Baileys: the 463 and the limit query come back before sendMessage returns).
      let markWritten!: (commit: Promise<unknown> | undefined) => void;
      this.remember(item, new Promise<unknown>((resolve) => (markWritten = resolve)));
      try {
        await inSpan(
          "multiwa.outbox.deliver",
          SpanKind.CONSUMER,
          () => ({
            "multiwa.profile.id": item.profileId,
            "multiwa.message.id": item.id,
            "multiwa.outbox.attempt": item.attempts,
          }),
          () => this.options.deliver(item, this.pacer),
          item.trace,
        );
        this.pacer.markSent();
        this.finish(item);
        const wasHeld = this.holds.delete(item.id) || item.held !== undefined;
        // Off the queue and "sent" in one update, in the same transaction as its history entry. The
        // slot is free at once: the update may wait the write window, and the next message need not.
        // A late refusal's hold waits for this commit, which it undoes.
        const committing = this.options.records
          .advance(item.profileId, item.id, "sent", {
            attempts: item.attempts,
            finish: true,
            ...(wasHeld ? { error: null } : {}),
          })
          .catch(() => undefined /* still queued: a restart sends it again, as after a crash */)
          .finally(() => this.committing.delete(committing));
        markWritten(committing);
        return void this.committing.add(committing);
      } catch (cause) {
        // Not sent: nothing for a late refusal to hold.
        if (this.recent.get(item.id)?.item === item) this.recent.delete(item.id);
        markWritten(undefined);
        const error = isMultiWAError(cause)
          ? cause
          : new MultiWAError("SEND_FAILED", String((cause as Error)?.message ?? cause), { cause });
        if (error.code === "ENGINE_NOT_CONNECTED" && !signal.aborted) continue;
        if (signal.aborted) throw signal.reason;
        // The platform paces this recipient only: hold their line, shown on the record, and go on with others.
        const held = this.holds.get(item.id) ?? 0;
        if (recipientPaced(error) && held < MAX_HOLDS) {
          this.holds.set(item.id, held + 1);
          item.attempts--;
          const wait = error.details.retryAfterMs;
          await this.options.records.advance(item.profileId, item.id, "sending", {
            error: { code: error.code, message: `${error.message}; held ${wait} ms for this recipient (${held + 1})` },
          });
          return this.hold.hold(item.to, item, wait);
        }
        if (NEVER_RETRY.has(error.code) || item.attempts >= maxAttempts) {
          this.finish(item);
          this.holds.delete(item.id);
          await this.options.records.advance(item.profileId, item.id, "failed", {
            error: { code: error.code, message: error.message },
            finish: true,
          });
          return this.options.onFailed(item, error);
        }
        await sleep(500 * 2 ** item.attempts, signal);
      }
    }
  }

  /** Keeps a sent message for a late refusal; older ones are let go. */
  private remember(item: OutboxItem, written: Promise<unknown>): void {
    const now = Date.now();
    this.recent.delete(item.id);
    this.recent.set(item.id, { item, at: now, written: written.catch(() => undefined) });
    for (const [id, { at }] of this.recent) {
      if (now - at < REFUSAL_MS) break;
      this.recent.delete(id);
    }
  }

  private finish(item: OutboxItem): void {
    this.queued.delete(item.id);
    this.acceptedUnder.delete(item.id);
  }

  private async stillQueued(item: OutboxItem): Promise<boolean> {
    const [row] = await this.options.database.db
      .select({ queued: outboxMessages.queued })
      .from(outboxMessages)
      .where(and(eq(outboxMessages.profileId, item.profileId), eq(outboxMessages.id, item.id)));
    return row?.queued ?? false;
  }
}

type OutboxRow = typeof outboxMessages.$inferInsert;

/**
 * A tick's accepted sends in one insert whose text is the same for any number of rows (#18: one array
 * parameter per column, so it is prepared once and drizzle builds no row list); a row already there (same
 * idempotency key) answers undefined.
 */
const OUTBOX_ROWS: Coalesced<OutboxRow, typeof outboxMessages.$inferSelect | undefined> = {
  async flush(tx, rows) {
    const result = await tx.execute(insertRows(rows));
    const inserted = (result as unknown as { rows: Record<string, unknown>[] }).rows.map(fromInserted);
    const byKey = new Map(inserted.map((r) => [`${r.profileId}\u0000${r.id}`, r]));
    // Each inserted row answers once: a second row with the same id in this tick lost the race.
    return rows.map((r) => {
      const key = `${r.profileId}\u0000${r.id}`;
      const row = byKey.get(key);
      byKey.delete(key);
      return row;
    });
  },
};

function insertRows(rows: OutboxRow[]): SQL {
  const column = (pick: (r: OutboxRow) => string | number | boolean | null | undefined) => textArray(rows, pick);
  return sql`
    insert into outbox_messages
      (profile_id, id, "to", type, status, rank, attempts, created_at, updated_at, idempotency_key, seq, queued, payload)
    select profile_id, id, "to", type, status, rank::int, attempts::int, created_at::bigint, updated_at::bigint,
      idempotency_key, seq, queued::bool, payload::jsonb
    from unnest(
      ${column((r) => r.profileId)}::text[], ${column((r) => r.id)}::text[], ${column((r) => r.to)}::text[],
      ${column((r) => r.type)}::text[], ${column((r) => r.status)}::text[], ${column((r) => r.rank)}::text[],
      ${column((r) => r.attempts)}::text[], ${column((r) => r.createdAt)}::text[], ${column((r) => r.updatedAt)}::text[],
      ${column((r) => r.idempotencyKey)}::text[], ${column((r) => r.seq)}::text[], ${column((r) => r.queued)}::text[],
      ${column((r) => (r.payload ? JSON.stringify(r.payload) : null))}::text[]
    ) with ordinality as i(profile_id, id, "to", type, status, rank, attempts, created_at, updated_at, idempotency_key,
      seq, queued, payload, n)
    order by n
    on conflict do nothing
    returning profile_id, id, "to", type, status, rank, attempts, created_at, updated_at, idempotency_key, engine_id,
      error, seq, queued`;
}

/** An inserted row from raw SQL (snake_case; bigints may arrive as strings from node-postgres); no payload. */
function fromInserted(r: Record<string, unknown>): typeof outboxMessages.$inferSelect {
  return {
    profileId: r.profile_id as string,
    id: r.id as string,
    to: r.to as string,
    type: r.type as string,
    status: r.status as MessageRecord["status"],
    rank: Number(r.rank),
    attempts: Number(r.attempts),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    engineId: (r.engine_id as string | null) ?? null,
    error: (typeof r.error === "string" ? JSON.parse(r.error) : r.error) as { code: string; message: string } | null,
    seq: r.seq as string,
    queued: Boolean(r.queued),
    payload: null,
  };
}

/** The same profile and idempotency key always give the same WhatsApp-style message id. */
export function idempotentMessageId(profileId: string, key: string): string {
  return `3EB0${createHash("sha256").update(`${profileId}\u0000${key}`).digest("hex").slice(0, 20).toUpperCase()}`;
}

/** WhatsApp-style id (what the official web client generates): stable from acceptance on. */
export function newMessageId(): string {
  // randomUUID draws from a cached entropy pool: far cheaper per call than randomBytes.
  return `3EB0${randomUUID().replace(/-/g, "").slice(0, 20).toUpperCase()}`;
}
