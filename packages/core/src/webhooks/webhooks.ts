import type { Database } from "../db/types.js";
import type { MultiWAEventName } from "../events.js";
import type { OutboundClient } from "../net/client.js";
import { assertSavableTarget } from "../net/target.js";
import type { TickBatch } from "../util/tick-batch.js";
import { parseInput } from "../schemas/parse.js";
import { WebhookDispatcher, type Delivery, type WebhookDispatcherOptions } from "./dispatcher.js";
import { WebhookTargets } from "./http-targets.js";
import type { DeliveryTargets } from "./targets.js";
import {
  CreateWebhookSchema,
  UpdateWebhookSchema,
  WebhookStore,
  type CreateWebhookInput,
  type UpdateWebhookInput,
  type Webhook,
} from "./store.js";

export type WebhookOptions = Omit<WebhookDispatcherOptions, "logger" | "workspaceOf" | "nodeId" | "shared" | "client">;

export interface WebhooksDeps {
  database: Database;
  /** The hot path's one-transaction-per-tick writer, shared with the outbox and history. */
  batch: TickBatch;
  /** A subscription was written here: tell the other nodes (they call `invalidate`). */
  onChange?(): void;
  /** Other kinds of delivery target (event transports) sharing the deliveries table and its retries. */
  targets?: DeliveryTargets[];
}

/** Webhook subscriptions and their durable delivery, as one API. */
export class Webhooks {
  private readonly store: WebhookStore;
  /** @internal The one durable delivery path, shared with the other kinds of target (event transports). */
  readonly dispatcher: WebhookDispatcher;

  constructor(
    deps: WebhooksDeps,
    private readonly options: WebhookDispatcherOptions & { client: OutboundClient },
  ) {
    this.store = new WebhookStore(deps.database, deps.onChange);
    const targets = [...(deps.targets ?? []), new WebhookTargets(this.store, options.client)];
    this.dispatcher = new WebhookDispatcher(deps.database, deps.batch, targets, options);
  }

  async create(input: CreateWebhookInput): Promise<{ webhook: Webhook; secret: string }> {
    const parsed = parseInput(CreateWebhookSchema, input, "webhook");
    await assertSavableTarget(parsed.url, this.options.client.policy);
    return this.store.create(parsed);
  }

  get(id: string): Promise<Webhook> {
    return this.store.get(id);
  }

  async update(id: string, input: UpdateWebhookInput): Promise<Webhook> {
    const parsed = parseInput(UpdateWebhookSchema, input, "webhook");
    if (parsed.url !== undefined) await assertSavableTarget(parsed.url, this.options.client.policy);
    return this.store.update(id, parsed);
  }

  remove(id: string): Promise<void> {
    return this.store.remove(id);
  }

  list(filter: { workspaceId?: string; profileId?: string } = {}): Promise<Webhook[]> {
    return this.store.list(filter);
  }

  deliveries(webhookId: string): Promise<{ pending: Delivery[]; delivered: Delivery[]; dead: Delivery[] }> {
    return this.dispatcher.deliveries(webhookId);
  }

  replay(webhookId: string, deliveryId: string): Promise<Delivery> {
    return this.dispatcher.replay(webhookId, deliveryId);
  }

  /** Sends a `webhook.test` event to one subscription, whatever its filters. */
  async test(webhookId: string): Promise<Delivery[]> {
    const hook = await this.store.get(webhookId);
    return this.dispatcher.enqueue(
      "webhook.test" as MultiWAEventName,
      { ...(hook.profileId ? { profileId: hook.profileId } : {}) },
      webhookId,
    );
  }

  dispatch(event: MultiWAEventName, payload: { profileId?: string }): Promise<Delivery[]> {
    return this.dispatcher.enqueue(event, payload);
  }

  /** Another node changed a subscription: re-read them before the next event. */
  invalidate(): void {
    this.store.invalidate();
  }

  /** Deletes finished (delivered or dead) deliveries created before `before`, in batches of `limit`. */
  prune(before: number, limit?: number): Promise<number> {
    return this.dispatcher.prune(before, limit);
  }

  restore(): Promise<number> {
    return this.dispatcher.restore();
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }
}
