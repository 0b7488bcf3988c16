import type { OutboundClient } from "../net/client.js";
import { signPayload, SIGNATURE_HEADER } from "../net/signature.js";
import type { StoredWebhook, WebhookStore } from "./store.js";
import type { DeliveryOutcome, DeliveryTargets, OutgoingDelivery } from "./targets.js";

/** Webhook subscriptions as delivery targets: a signed POST of the delivery's body. */
export class WebhookTargets implements DeliveryTargets<StoredWebhook> {
  constructor(
    private readonly store: WebhookStore,
    /** Sends every attempt; its policy decides whether private targets are allowed. */
    private readonly client: OutboundClient,
  ) {}

  /** Webhooks take every id no other kind claims (their own are `wh_…`). */
  owns(): boolean {
    return true;
  }

  subscriptions(): Promise<StoredWebhook[]> {
    return this.store.subscriptions();
  }

  cached(id: string): Promise<StoredWebhook | undefined> {
    return this.store.cached(id);
  }

  stored(id: string): Promise<StoredWebhook> {
    return this.store.stored(id);
  }

  async deliver(hook: StoredWebhook, delivery: OutgoingDelivery, timeoutMs: number): Promise<DeliveryOutcome> {
    // A receiver's answer is not kept: read a little of it so the socket can be reused, no more.
    const response = await this.client.request(hook.url, {
      method: "POST",
      timeoutMs,
      maxBytes: 16 * 1024,
      truncate: true,
      headers: {
        "content-type": "application/json",
        "user-agent": "MultiWA-Webhooks/1",
        "x-multiwa-event": delivery.event,
        "x-multiwa-delivery": delivery.id,
        [SIGNATURE_HEADER]: signPayload(hook.secret, delivery.body),
        ...delivery.traceHeaders,
      },
      body: delivery.body,
    });
    const ok = response.status >= 200 && response.status < 300;
    return { status: response.status, ...(ok ? {} : { error: `HTTP ${response.status}` }) };
  }
}
