import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import PQueue from "p-queue";
import type { Database } from "../db/types.js";
import type { EngineLogger } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import type { MultiWAEventName } from "../events.js";
import type { TickBatch } from "../util/tick-batch.js";
import { captureTrace, failSpan, inSpan, SpanKind, traceHeaders, type Span } from "../util/tracing.js";
import { DELIVERED, NEW_DELIVERIES } from "./delivery-writes.js";
import { matchesEvent } from "./store.js";
import { webhookDeliveries } from "./table.js";
import type { DeliveryTarget, DeliveryTargets } from "./targets.js";

export interface Delivery {
  /** Stable across retries and restarts: receivers dedupe on it (header `x-multiwa-delivery`). */
  id: string;
  /** The target's id: a webhook's or an event transport's (they share this table). */
  webhookId: string;
  event: string;
  profileId?: string;
  body: string;
  attempts: number;
  createdAt: number;
  nextAt: number;
  status: "pending" | "delivered" | "dead";
  lastError?: string;
  lastStatus?: number;
  deliveredAt?: number;
}

/** One delivery attempt as an observer (the gateway's metrics) sees it. */
export interface DeliveryAttempt {
  /** The webhook's or event transport's id. */
  targetId: string;
  event: string;
  /** Delivered; failed and retried later; or failed for the last time (a dead letter). */
  outcome: "success" | "retry" | "dead";
  /** How long the attempt took. */
  durationMs: number;
}

export interface WebhookDispatcherOptions {
  /** Attempts before a delivery becomes a dead letter. @default 8 */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, capped at one hour. @default 1000 */
  retryBaseMs?: number;
  /** @default 10000 */
  timeoutMs?: number;
  /** Parallel deliveries. @default 16 */
  concurrency?: number;
  /** Delivered entries a webhook's log lists. @default 200 */
  logSize?: number;
  /** How often the deliveries table is asked for due deliveries (retries, a dead node's). @default 1000 */
  pollMs?: number;
  logger: EngineLogger;
  /** Told of every attempt once its outcome is recorded; it must not throw. */
  onAttempt?(attempt: DeliveryAttempt): void;
  /** The workspace of a profile, to route workspace-wide subscriptions. */
  workspaceOf(profileId: string): Promise<string | undefined>;
  /** This node's name: it claims deliveries under it. */
  nodeId: string;
  /**
   * Other nodes share the database: deliveries another node claimed are left to it until its claim
   * expires. Without it, claims left by a previous process are released at start. @default false
   */
  shared?: boolean;
}

type Row = typeof webhookDeliveries.$inferSelect;

/**
 * Durable webhook delivery: each matching event becomes a row of the deliveries table, written in the
 * hot path's transaction before anything is sent, retried with exponential backoff, dead after
 * `maxAttempts`, and replayable. Due deliveries are claimed in batches by time (never by listing
 * everything), each under a claim that names the node, so in a cluster one node attempts each.
 * Every kind of target (webhook URLs, event transports) goes through this one table and retry path;
 * `targets` says how each kind finds its subscriptions and makes one attempt.
 */
export class WebhookDispatcher {
  private readonly queue: PQueue;
  private poller?: NodeJS.Timeout;
  private wake?: { at: number; timer: NodeJS.Timeout };
  private polling?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly batch: TickBatch,
    private readonly targets: readonly DeliveryTargets[],
    private readonly options: WebhookDispatcherOptions,
  ) {
    this.queue = new PQueue({ concurrency: options.concurrency ?? 16 });
  }

  /** Records deliveries for every subscription matching the event, claimed by this node, and sends them. */
  async enqueue(event: MultiWAEventName, payload: { profileId?: string }, onlyWebhookId?: string): Promise<Delivery[]> {
    const trace = captureTrace() ?? null;
    const hooks = await this.matching(event, payload, onlyWebhookId);
    if (!hooks.length) return [];
    const now = Date.now();
    const rows: Row[] = hooks.map((hook) => {
      const id = randomUUID();
      const body = JSON.stringify({ id, event, timestamp: now, profileId: payload.profileId, data: payload });
      return {
        id,
        webhookId: hook.id,
        event,
        profileId: payload.profileId ?? null,
        body,
        attempts: 0,
        createdAt: now,
        nextAt: now,
        status: "pending",
        lastError: null,
        lastStatus: null,
        deliveredAt: null,
        claimedBy: this.options.nodeId,
        claimedUntil: now + this.claimMs(),
        traceContext: trace,
      };
    });
    await this.batch.add(NEW_DELIVERIES, rows, { defer: true });
    for (const row of rows) this.send(row);
    return rows.map(toDelivery);
  }

  /** Starts polling for due deliveries; resolves with how many were pending. */
  async restore(): Promise<number> {
    if (!this.options.shared) {
      // Alone on this database: claims are a previous process's, which is gone.
      await this.database.db
        .update(webhookDeliveries)
        .set({ claimedBy: null, claimedUntil: null })
        .where(eq(webhookDeliveries.status, "pending"));
    }
    const [{ pending } = { pending: 0 }] = await this.database.db
      .select({ pending: sql<number>`count(*)::int` })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, "pending"));
    if (!this.poller && !this.stopped) {
      this.poller = setInterval(() => void this.poll(), this.options.pollMs ?? 1000);
      this.poller.unref?.();
      void this.poll();
    }
    return pending;
  }

  async deliveries(webhookId: string): Promise<{ pending: Delivery[]; delivered: Delivery[]; dead: Delivery[] }> {
    await this.ownerOf(webhookId).stored(webhookId);
    const { db } = this.database;
    const of = (status: Row["status"]) =>
      and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, status));
    const [pending, delivered, dead] = await Promise.all([
      db.select().from(webhookDeliveries).where(of("pending")).orderBy(asc(webhookDeliveries.createdAt)).limit(1000),
      db
        .select()
        .from(webhookDeliveries)
        .where(of("delivered"))
        .orderBy(desc(webhookDeliveries.deliveredAt))
        .limit(this.options.logSize ?? 200),
      db.select().from(webhookDeliveries).where(of("dead")).orderBy(asc(webhookDeliveries.createdAt)).limit(1000),
    ]);
    return { pending: pending.map(toDelivery), delivered: delivered.map(toDelivery), dead: dead.map(toDelivery) };
  }

  /** Sends a dead (or delivered) delivery again, under the same id, with a fresh retry budget. */
  async replay(webhookId: string, deliveryId: string): Promise<Delivery> {
    const now = Date.now();
    const [row] = await this.database.db
      .update(webhookDeliveries)
      .set({
        status: "pending",
        attempts: 0,
        nextAt: now,
        lastError: null,
        claimedBy: this.options.nodeId,
        claimedUntil: now + this.claimMs(),
      })
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          eq(webhookDeliveries.webhookId, webhookId),
          ne(webhookDeliveries.status, "pending"),
        ),
      )
      .returning();
    if (!row)
      throw new MultiWAError("NOT_FOUND", `No dead or delivered delivery "${deliveryId}" on webhook "${webhookId}"`, {
        details: { field: "deliveryId" },
      });
    this.send(row);
    return toDelivery(row);
  }

  /** Deletes delivered and dead deliveries created before `before`, `limit` at a time; resolves with how many. */
  async prune(before: number, limit = 1000): Promise<number> {
    const old = this.database.db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(ne(webhookDeliveries.status, "pending"), lt(webhookDeliveries.createdAt, before)))
      .limit(limit);
    const removed = await this.database.db
      .delete(webhookDeliveries)
      .where(inArray(webhookDeliveries.id, old))
      .returning({ id: webhookDeliveries.id });
    return removed.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poller);
    clearTimeout(this.wake?.timer);
    this.queue.clear();
    await this.queue.onIdle();
    await this.polling?.catch(() => 0);
    await this.batch.flush();
    // Nothing of this node's is in flight now: what it had claimed but not attempted goes back to the others.
    await this.database.db
      .update(webhookDeliveries)
      .set({ claimedBy: null, claimedUntil: null })
      .where(and(eq(webhookDeliveries.claimedBy, this.options.nodeId), eq(webhookDeliveries.status, "pending")))
      .catch((e: unknown) => this.options.logger.warn(`webhook claims not released: ${(e as Error).message}`));
  }

  // --- Internal helpers ---

  private async matching(
    event: MultiWAEventName,
    payload: { profileId?: string },
    only?: string,
  ): Promise<DeliveryTarget[]> {
    const all = (await Promise.all(this.targets.map((t) => t.subscriptions()))).flat();
    // An explicit test goes to the named subscription regardless of its filters.
    if (only) return all.filter((h) => h.id === only);
    const candidates = all.filter(
      (h) => h.enabled && matchesEvent(h.events, event) && (!h.profileId || h.profileId === payload.profileId),
    );
    if (!candidates.length) return [];
    const workspace = payload.profileId ? await this.options.workspaceOf(payload.profileId) : undefined;
    return candidates.filter((h) => h.profileId || workspace === undefined || h.workspaceId === workspace);
  }

  /** Claims due deliveries no live node holds, oldest due first, as many as there are free slots. */
  private poll(): Promise<number> {
    if (this.stopped || this.polling) return this.polling ?? Promise.resolve(0);
    const free = (this.options.concurrency ?? 16) * 2 - this.queue.size - this.queue.pending;
    if (free <= 0) return Promise.resolve(0);
    const now = Date.now();
    const d = webhookDeliveries;
    const due = this.database.db
      .select({ id: d.id })
      .from(d)
      .where(
        and(
          eq(d.status, "pending"),
          sql`${d.nextAt} <= ${now}`,
          or(sql`${d.claimedUntil} is null`, lt(d.claimedUntil, now)),
        ),
      )
      .orderBy(asc(d.nextAt))
      .limit(free)
      .for("update", { skipLocked: true });
    const run = this.database
      .transaction((tx) =>
        tx
          .update(d)
          .set({ claimedBy: this.options.nodeId, claimedUntil: now + this.claimMs() })
          .where(inArray(d.id, due))
          .returning(),
      )
      .then(
        (rows) => {
          for (const row of rows) this.send(row);
          return rows.length;
        },
        (error: unknown) => {
          this.options.logger.warn(`webhook poll failed: ${(error as Error).message}`);
          return 0;
        },
      )
      .finally(() => (this.polling = undefined));
    this.polling = run;
    return run;
  }

  private send(row: Row): void {
    if (this.stopped) return;
    void this.queue
      .add(() =>
        inSpan(
          "multiwa.delivery",
          SpanKind.CLIENT,
          () => ({
            "multiwa.event": row.event,
            "multiwa.delivery.id": row.id,
            "multiwa.delivery.target": row.webhookId,
            "multiwa.delivery.attempt": row.attempts + 1,
          }),
          (span) => this.attempt(row, span),
          row.traceContext,
        ),
      )
      .catch((e: unknown) => this.options.logger.warn(`webhook delivery ${row.id} failed: ${(e as Error).message}`));
  }

  private async attempt(row: Row, span: Span): Promise<void> {
    if (this.stopped) return;
    const owner = this.ownerOf(row.webhookId);
    const hook = (await owner.cached(row.webhookId)) ?? (await owner.stored(row.webhookId).catch(() => undefined));
    const mine = and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.claimedBy, this.options.nodeId));
    // The subscription was deleted (the database says so, not only a cache that may lag): its deliveries go with it.
    if (!hook)
      return void (await this.batch.run((tx) => tx.delete(webhookDeliveries).where(eq(webhookDeliveries.id, row.id))));
    const attempts = row.attempts + 1;
    let lastStatus: number | null = null;
    // The receiver's time only, not the write of the outcome.
    const started = performance.now();
    let durationMs: number | undefined;
    const observe = (outcome: DeliveryAttempt["outcome"]) =>
      this.options.onAttempt?.({
        targetId: row.webhookId,
        event: row.event,
        outcome,
        durationMs: durationMs ?? performance.now() - started,
      });
    const headers = traceHeaders(span);
    try {
      const outcome = await owner
        .deliver(hook, headers ? { ...row, traceHeaders: headers } : row, this.options.timeoutMs ?? 10_000)
        .finally(() => (durationMs = performance.now() - started));
      lastStatus = outcome.status ?? null;
      if (outcome.error) throw new Error(outcome.error);
      // Queued, not awaited: the slot is free for the next delivery once the receiver answered, while the
      // outcome commits with the tick's transaction (a slot held through the commit capped throughput at
      // concurrency ÷ commit time). `stop` flushes the batch, so no outcome is left unwritten.
      void this.batch
        .add(
          DELIVERED,
          { id: row.id, node: this.options.nodeId, attempts, lastStatus, at: Date.now() },
          { defer: true },
        )
        .then(
          () => observe("success"),
          (e: unknown) => this.options.logger.warn(`webhook delivery ${row.id} not recorded: ${(e as Error).message}`),
        );
    } catch (error) {
      const lastError = (error as Error).message;
      failSpan(span, lastError);
      const dead = attempts >= (this.options.maxAttempts ?? 8);
      const nextAt = Date.now() + Math.min(3_600_000, (this.options.retryBaseMs ?? 1000) * 2 ** (attempts - 1));
      const failed = dead
        ? { status: "dead" as const, attempts, lastStatus, lastError, claimedBy: null, claimedUntil: null }
        : { attempts, lastStatus, lastError, nextAt, claimedBy: null, claimedUntil: null };
      void this.batch
        .run((tx) => tx.update(webhookDeliveries).set(failed).where(mine))
        .then(
          () => {
            observe(dead ? "dead" : "retry");
            if (dead)
              this.options.logger.warn(`webhook delivery ${row.id} is dead after ${attempts} attempts: ${lastError}`);
            else this.wakeAt(nextAt);
          },
          (e: unknown) => this.options.logger.warn(`webhook delivery ${row.id} not recorded: ${(e as Error).message}`),
        );
    }
  }

  /** Polls early for a retry due before the next regular poll. */
  private wakeAt(at: number): void {
    if (this.stopped || (this.wake && this.wake.at <= at)) return;
    clearTimeout(this.wake?.timer);
    const timer = setTimeout(() => ((this.wake = undefined), void this.poll()), Math.max(0, at - Date.now()));
    timer.unref?.();
    this.wake = { at, timer };
  }

  /** The kind of target an id belongs to (each kind's ids carry its prefix; webhooks take the rest). */
  private ownerOf(id: string): DeliveryTargets {
    return this.targets.find((t) => t.owns(id)) ?? this.targets[0]!;
  }

  private claimMs(): number {
    return (this.options.timeoutMs ?? 10_000) + 5_000;
  }
}

function toDelivery(row: Row): Delivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    body: row.body,
    attempts: row.attempts,
    createdAt: row.createdAt,
    nextAt: row.nextAt,
    status: row.status,
    ...(row.profileId ? { profileId: row.profileId } : {}),
    ...(row.lastError ? { lastError: row.lastError } : {}),
    ...(row.lastStatus !== null ? { lastStatus: row.lastStatus } : {}),
    ...(row.deliveredAt !== null ? { deliveredAt: row.deliveredAt } : {}),
  };
}
