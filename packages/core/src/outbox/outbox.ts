import { createHash, randomUUID } from "node:crypto";
import PQueue from "p-queue";
import type { Storage } from "unstorage";
import type { WAMessage } from "../engine/types.js";
import { isMultiWAError, MultiWAError } from "../errors.js";
import type { MessageContent, SendOptions } from "../schemas/message.js";
import { NS, safeKey, stripBase } from "../storage/namespaces.js";
import { writesTogether } from "../storage/redis-batch.js";
import { Pacer, sleep, type Pacing } from "./pacing.js";
import type { MessageRecord, MessageRecords } from "./records.js";

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
}

export interface OutboxOptions {
  storage: Storage;
  records: MessageRecords;
  profileId: string;
  pacing: Pacing;
  /** Sends one item through the engine; throws ENGINE_NOT_CONNECTED while the session is down. */
  deliver(item: OutboxItem, pacer: Pacer): Promise<WAMessage>;
  /** Resolves when the session is open again (or rejects when the outbox stops). */
  waitUntilOpen(signal: AbortSignal): Promise<void>;
  onFailed(item: OutboxItem, error: MultiWAError): void;
  /**
   * Changes whenever this node (re)acquires the profile's lease; undefined while it does not hold it.
   * An item accepted under the current epoch cannot have been sent by another node, so it needs no
   * check in storage before its first attempt. @default always check
   */
  leaseEpoch?(): number | undefined;
  /** Transient errors are retried this many times. @default 3 */
  maxAttempts?: number;
}

const NEVER_RETRY = new Set(["VALIDATION_FAILED", "INVALID_JID", "CAPABILITY_UNSUPPORTED", "MESSAGE_NOT_FOUND", "SESSION_LOGGED_OUT"]);

/**
 * One profile's durable send queue. An item is written to storage before `enqueue` returns and
 * removed only after the engine accepted it; its message id is fixed at enqueue time, so a send
 * cut short by a crash is retried under the same id and the recipient sees it once.
 */
export class Outbox {
  private readonly queue: PQueue;
  private readonly pacer: Pacer;
  private readonly queued = new Set<string>();
  private readonly pendingKeys = new Map<string, Promise<MessageRecord>>();
  /** Items accepted here while holding the lease, by the epoch they were accepted under. */
  private readonly acceptedUnder = new Map<string, number>();
  private readonly abort = new AbortController();
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

  /** Loads persisted items (after a restart or a move to this node) into the queue, in accepted order. */
  async restore(): Promise<number> {
    const base = `${NS.outbox}:${this.options.profileId}`;
    const keys = stripBase(await this.options.storage.getKeys(base), base).sort();
    let restored = 0;
    for (const k of keys) {
      const item = await this.options.storage.getItem<OutboxItem>(`${base}:${k}`);
      if (item && !this.queued.has(item.id)) (this.schedule(item), restored++);
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
    await this.queue.onIdle();
    this.queued.clear();
    this.acceptedUnder.clear();
  }

  onIdle(): Promise<void> {
    return this.queue.onIdle();
  }

  /** Gap and jitter apply at once; a new per-minute cap applies from the next start. */
  updatePacing(pacing: Pacing): void {
    this.pacer.update(pacing);
  }

  // --- Internal helpers ---

  /**
   * With an idempotency key the message id is derived from it, so the record itself answers "was this
   * accepted?" whatever point a crash interrupted: no second copy, and a record whose outbox item was
   * never written is queued again under the same id.
   */
  private async acceptOnce(key: string, to: string, content: MessageContent, options: SendOptions): Promise<MessageRecord> {
    const { profileId, storage, records } = this.options;
    const id = idempotentMessageId(profileId, key);
    const idemKey = `${NS.idempotency}:${profileId}:${safeKey(key)}`;
    const existing = await records.get(profileId, id);
    if (!existing) return this.accept(to, content, options, { id, beforeQueue: () => storage.setItem(idemKey, id) });
    const lost = existing.status === "queued" && existing.seq && !this.queued.has(id) && !(await storage.hasItem(`${NS.outbox}:${profileId}:${existing.seq}`));
    return lost ? this.accept(to, content, options, { id, seq: existing.seq! }) : existing;
  }

  private async accept(to: string, content: MessageContent, options: SendOptions, fixed: { id?: string; seq?: string; beforeQueue?: () => Promise<void> } = {}): Promise<MessageRecord> {
    const now = Date.now();
    const item: OutboxItem = {
      id: fixed.id ?? newMessageId(),
      profileId: this.options.profileId,
      to,
      content,
      options,
      seq: fixed.seq ?? `${String(now).padStart(15, "0")}-${String(++this.seq).padStart(6, "0")}`,
      attempts: 0,
      createdAt: now,
    };
    const record: MessageRecord = {
      id: item.id, profileId: item.profileId, to, type: content.type, status: "queued", createdAt: now, updatedAt: now, attempts: 0, seq: item.seq,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    };
    // In this order: a crash between the writes leaves at worst a record without its item (repaired by
    // the next call with the same idempotency key); never an item without its record. A store that
    // writes one tick's writes atomically (Redis MSET) takes both at once.
    if (writesTogether(this.options.storage, this.itemKey(item))) {
      await Promise.all([this.options.records.put(record), this.options.storage.setItem(this.itemKey(item), item)]);
    } else {
      await this.options.records.put(record);
      await this.options.storage.setItem(this.itemKey(item), item);
    }
    await fixed.beforeQueue?.();
    const epoch = this.options.leaseEpoch?.();
    if (epoch !== undefined) this.acceptedUnder.set(item.id, epoch);
    this.schedule(item);
    return record;
  }

  private schedule(item: OutboxItem): void {
    this.queued.add(item.id);
    const signal = this.abort.signal;
    this.queue.add(() => this.run(item, signal)).catch(() => {
      /* an aborted run leaves the item persisted */
    });
  }

  private async run(item: OutboxItem, signal: AbortSignal): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (;;) {
      await this.options.waitUntilOpen(signal);
      await this.pacer.wait(signal);
      if (signal.aborted) throw signal.reason;
      // In a cluster another node may have sent it meanwhile (it owned the profile then).
      const epoch = this.acceptedUnder.get(item.id);
      const mine = epoch !== undefined && epoch === this.options.leaseEpoch?.();
      if (item.attempts === 0 && !mine && !(await this.options.storage.hasItem(this.itemKey(item)))) return void (this.queued.delete(item.id), this.acceptedUnder.delete(item.id));
      item.attempts++;
      // The first attempt goes straight out; retries are recorded so progress stays visible.
      if (item.attempts > 1) await this.options.records.advance(item.profileId, item.id, "sending", { attempts: item.attempts });
      try {
        await this.options.deliver(item, this.pacer);
        this.pacer.markSent();
        await this.options.records.advance(item.profileId, item.id, "sent", { attempts: item.attempts });
        return this.finish(item);
      } catch (cause) {
        const error = isMultiWAError(cause) ? cause : new MultiWAError("SEND_FAILED", String((cause as Error)?.message ?? cause), { cause });
        if (error.code === "ENGINE_NOT_CONNECTED" && !signal.aborted) continue;
        if (signal.aborted) throw signal.reason;
        if (NEVER_RETRY.has(error.code) || item.attempts >= maxAttempts) {
          await this.options.records.advance(item.profileId, item.id, "failed", { error: { code: error.code, message: error.message } });
          this.options.onFailed(item, error);
          return this.finish(item);
        }
        await sleep(500 * 2 ** item.attempts, signal);
      }
    }
  }

  private async finish(item: OutboxItem): Promise<void> {
    this.queued.delete(item.id);
    this.acceptedUnder.delete(item.id);
    await this.options.storage.removeItem(this.itemKey(item));
  }

  private itemKey(item: OutboxItem): string {
    return `${NS.outbox}:${item.profileId}:${item.seq}`;
  }
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
