import type { Storage } from "unstorage";
import type { MultiWAEventName } from "../events.js";
import { assertSavableTarget } from "../net/target.js";
import { parseInput } from "../schemas/parse.js";
import { WebhookDispatcher, type Delivery, type WebhookDispatcherOptions } from "./dispatcher.js";
import { CreateWebhookSchema, UpdateWebhookSchema, WebhookStore, type CreateWebhookInput, type UpdateWebhookInput, type Webhook } from "./store.js";

export type WebhookOptions = Omit<WebhookDispatcherOptions, "logger" | "workspaceOf" | "client">;

/** Webhook subscriptions and their durable delivery, as one API. */
export class Webhooks {
  private readonly store: WebhookStore;
  private readonly dispatcher: WebhookDispatcher;

  constructor(
    storage: Storage,
    private readonly options: WebhookDispatcherOptions,
  ) {
    this.store = new WebhookStore(storage);
    this.dispatcher = new WebhookDispatcher(storage, this.store, options);
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
    return this.dispatcher.enqueue("webhook.test" as MultiWAEventName, { ...(hook.profileId ? { profileId: hook.profileId } : {}) }, webhookId);
  }

  dispatch(event: MultiWAEventName, payload: { profileId?: string }): Promise<Delivery[]> {
    return this.dispatcher.enqueue(event, payload);
  }

  restore(): Promise<number> {
    return this.dispatcher.restore();
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }
}
