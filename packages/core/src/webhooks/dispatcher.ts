import { randomUUID } from "node:crypto";
import PQueue from "p-queue";
import type { Storage } from "unstorage";
import type { EngineLogger } from "../engine/types.js";
import { MultiWAError } from "../errors.js";
import type { MultiWAEventName } from "../events.js";
import type { LeaseStore } from "../session/lease.js";
import { stripBase } from "../storage/namespaces.js";
import type { OutboundClient } from "../net/client.js";
import { signPayload, SIGNATURE_HEADER } from "../net/signature.js";
import { matchesEvent, type WebhookStore } from "./store.js";

export interface Delivery {
  /** Stable across retries and restarts: receivers dedupe on it (header `x-multiwa-delivery`). */
  id: string;
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

export interface WebhookDispatcherOptions {
  /** Sends every attempt; its policy decides whether private targets are allowed. */
  client: OutboundClient;
  /** Attempts before a delivery becomes a dead letter. @default 8 */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, capped at one hour. @default 1000 */
  retryBaseMs?: number;
  /** @default 10000 */
  timeoutMs?: number;
  /** Parallel deliveries. @default 16 */
  concurrency?: number;
  /** Delivered entries kept per webhook in the log. @default 200 */
  logSize?: number;
  logger: EngineLogger;
  /** The workspace of a profile, to route workspace-wide subscriptions. */
  workspaceOf(profileId: string): Promise<string | undefined>;
  /**
   * Nodes sharing one store: each attempt is made under a short lease on the delivery, with its
   * stored state re-read under it, so a delivery every node knows of is still sent by one.
   */
  claims?: { leases: LeaseStore; owner: string };
  /** With `claims`: how often storage is checked for pending deliveries no node here knows of (a dead node's). @default 15000 */
  sweepMs?: number;
}

const PENDING = "whout";
const LOG = "whlog";
const DEAD = "whdead";

/**
 * Durable webhook delivery: each matching event becomes a delivery persisted before anything is
 * sent, retried with exponential backoff, moved to a dead-letter list after `maxAttempts`, and
 * replayable. After a crash, pending deliveries are restored and sent under their original id.
 */
export class WebhookDispatcher {
  private readonly queue: PQueue;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Deliveries queued or being attempted now. */
  private readonly active = new Set<string>();
  private sweeper?: NodeJS.Timeout;
  /** Deliveries logged per webhook since its log was last trimmed; trimming lists a folder, so it is batched. */
  private readonly sinceTrim = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly storage: Storage,
    private readonly store: WebhookStore,
    private readonly options: WebhookDispatcherOptions,
  ) {
    this.queue = new PQueue({ concurrency: options.concurrency ?? 16 });
  }

  /** Records deliveries for every subscription matching the event. */
  async enqueue(event: MultiWAEventName, payload: { profileId?: string }, onlyWebhookId?: string): Promise<Delivery[]> {
    const subscriptions = (await this.store.subscriptions()).filter((h) => !onlyWebhookId || h.id === onlyWebhookId);
    if (!subscriptions.length) return [];
    const workspace = payload.profileId ? await this.options.workspaceOf(payload.profileId) : undefined;
    const created: Delivery[] = [];
    for (const hook of subscriptions) {
      if (!onlyWebhookId && (!hook.enabled || !matchesEvent(hook.events, event))) continue;
      if (onlyWebhookId) {
        // An explicit test goes to the named subscription regardless of its filters.
      } else if (hook.profileId ? hook.profileId !== payload.profileId : workspace !== undefined && hook.workspaceId !== workspace) continue;
      const id = randomUUID();
      const now = Date.now();
      const body = JSON.stringify({ id, event, timestamp: now, profileId: payload.profileId, data: payload });
      const delivery: Delivery = { id, webhookId: hook.id, event, body, attempts: 0, createdAt: now, nextAt: now, status: "pending", ...(payload.profileId ? { profileId: payload.profileId } : {}) };
      await this.storage.setItem(pendingKey(delivery), delivery);
      this.schedule(delivery);
      created.push(delivery);
    }
    return created;
  }

  /** Loads deliveries left pending by a previous process (and, in a cluster, keeps looking for a dead node's). */
  async restore(): Promise<number> {
    const found = await this.adoptPending();
    if (this.options.claims && !this.sweeper && !this.stopped) {
      this.sweeper = setInterval(() => void this.adoptPending().catch((e) => this.options.logger.warn(`webhook sweep failed: ${(e as Error).message}`)), this.options.sweepMs ?? 15_000);
      this.sweeper.unref?.();
    }
    return found;
  }

  private async adoptPending(): Promise<number> {
    const keys = await this.storage.getKeys(PENDING);
    for (const key of keys) {
      const id = key.slice(key.lastIndexOf(":") + 1);
      if (this.timers.has(id) || this.active.has(id)) continue;
      const delivery = await this.storage.getItem<Delivery>(key);
      if (delivery) this.schedule(delivery);
    }
    return keys.length;
  }

  async deliveries(webhookId: string): Promise<{ pending: Delivery[]; delivered: Delivery[]; dead: Delivery[] }> {
    await this.store.stored(webhookId);
    const [pending, delivered, dead] = await Promise.all([PENDING, LOG, DEAD].map((base) => this.read(`${base}:${webhookId}`)));
    return { pending: pending!, delivered: delivered!.reverse(), dead: dead! };
  }

  /** Sends a dead (or delivered) delivery again, under the same id, with a fresh retry budget. */
  async replay(webhookId: string, deliveryId: string): Promise<Delivery> {
    const found = (await this.storage.getItem<Delivery>(`${DEAD}:${webhookId}:${deliveryId}`)) ?? (await this.findLogged(webhookId, deliveryId));
    if (!found) throw new MultiWAError("NOT_FOUND", `No dead or delivered delivery "${deliveryId}" on webhook "${webhookId}"`, { details: { field: "deliveryId" } });
    await this.storage.removeItem(`${DEAD}:${webhookId}:${deliveryId}`);
    const delivery: Delivery = { ...found, attempts: 0, status: "pending", nextAt: Date.now() };
    delete delivery.lastError;
    await this.storage.setItem(pendingKey(delivery), delivery);
    this.schedule(delivery);
    return delivery;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.clear();
    await this.queue.onIdle();
  }

  // --- Internal helpers ---

  private schedule(delivery: Delivery): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(delivery.id));
    const run = () => {
      this.timers.delete(delivery.id);
      this.active.add(delivery.id);
      void this.queue.add(() => this.claimed(delivery).finally(() => this.active.delete(delivery.id)));
    };
    const wait = delivery.nextAt - Date.now();
    if (wait <= 0) return run();
    const timer = setTimeout(run, wait);
    timer.unref?.();
    this.timers.set(delivery.id, timer);
  }

  /** Attempts at once on a single node; under the delivery's lease in a cluster. */
  private async claimed(scheduled: Delivery): Promise<void> {
    const claims = this.options.claims;
    if (!claims) return this.attempt(scheduled);
    const key = `webhook-delivery:${scheduled.id}`;
    const ttlMs = (this.options.timeoutMs ?? 10_000) + 5_000;
    if (!(await claims.leases.acquire(key, claims.owner, ttlMs))) return this.schedule({ ...scheduled, nextAt: Date.now() + ttlMs });
    try {
      const current = await this.storage.getItem<Delivery>(pendingKey(scheduled));
      // Gone: delivered or dead by another node. Later: another node's attempt failed and set the retry.
      if (!current) return;
      if (current.nextAt > Date.now()) return this.schedule(current);
      await this.attempt(current);
    } finally {
      await claims.leases.release(key, claims.owner);
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    if (this.stopped) return;
    const hook = await this.store.stored(delivery.webhookId).catch(() => undefined);
    if (!hook) return void (await this.storage.removeItem(pendingKey(delivery)));
    delivery.attempts++;
    try {
      // A receiver's answer is not kept: read a little of it so the socket can be reused, no more.
      const response = await this.options.client.request(hook.url, {
        method: "POST",
        timeoutMs: this.options.timeoutMs ?? 10_000,
        maxBytes: 16 * 1024,
        truncate: true,
        headers: {
          "content-type": "application/json",
          "user-agent": "MultiWA-Webhooks/1",
          "x-multiwa-event": delivery.event,
          "x-multiwa-delivery": delivery.id,
          [SIGNATURE_HEADER]: signPayload(hook.secret, delivery.body),
        },
        body: delivery.body,
      });
      delivery.lastStatus = response.status;
      if (response.status >= 200 && response.status < 300) return await this.succeed(delivery);
      throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      await this.fail(delivery, (error as Error).message);
    }
  }

  private async succeed(delivery: Delivery): Promise<void> {
    const done: Delivery = { ...delivery, status: "delivered", deliveredAt: Date.now() };
    delete done.lastError;
    await this.storage.setItem(`${LOG}:${delivery.webhookId}:${String(done.deliveredAt).padStart(15, "0")}-${delivery.id}`, done);
    await this.storage.removeItem(pendingKey(delivery));
    const count = (this.sinceTrim.get(delivery.webhookId) ?? 0) + 1;
    this.sinceTrim.set(delivery.webhookId, count);
    if (count >= Math.max(20, (this.options.logSize ?? 200) / 4)) {
      this.sinceTrim.set(delivery.webhookId, 0);
      await this.trimLog(delivery.webhookId);
    }
  }

  private async fail(delivery: Delivery, reason: string): Promise<void> {
    delivery.lastError = reason;
    if (delivery.attempts >= (this.options.maxAttempts ?? 8)) {
      await this.storage.setItem(`${DEAD}:${delivery.webhookId}:${delivery.id}`, { ...delivery, status: "dead" });
      await this.storage.removeItem(pendingKey(delivery));
      this.options.logger.warn(`webhook delivery ${delivery.id} is dead after ${delivery.attempts} attempts: ${reason}`);
      return;
    }
    delivery.nextAt = Date.now() + Math.min(3_600_000, (this.options.retryBaseMs ?? 1000) * 2 ** (delivery.attempts - 1));
    await this.storage.setItem(pendingKey(delivery), delivery);
    this.schedule(delivery);
  }

  private async trimLog(webhookId: string): Promise<void> {
    const base = `${LOG}:${webhookId}`;
    const keys = stripBase(await this.storage.getKeys(base), base).sort();
    const excess = keys.length - (this.options.logSize ?? 200);
    for (const key of keys.slice(0, Math.max(0, excess))) await this.storage.removeItem(`${base}:${key}`);
  }

  private async read(base: string): Promise<Delivery[]> {
    const keys = stripBase(await this.storage.getKeys(base), base).sort();
    const items = await Promise.all(keys.map((k) => this.storage.getItem<Delivery>(`${base}:${k}`)));
    return items.filter((d): d is Delivery => d !== null);
  }

  private async findLogged(webhookId: string, deliveryId: string): Promise<Delivery | undefined> {
    return (await this.read(`${LOG}:${webhookId}`)).find((d) => d.id === deliveryId);
  }
}

function pendingKey(delivery: Delivery): string {
  return `${PENDING}:${delivery.webhookId}:${delivery.id}`;
}
