import type { CreateWebhookBody, UpdateWebhookBody, Webhook, WebhookDeliveryLog } from "@multiwa/sdk";

/** Webhook subscriptions and their delivery log. */
export function useWebhooks() {
  const client = useClient();
  const webhooks = useCollection<Webhook, CreateWebhookBody, { webhook: Webhook; secret: string }, UpdateWebhookBody>({
    list: () => client.listWebhooks(),
    create: (input) => {
      const workspaceId = useWorkspace().current.value ?? undefined;
      return client.createWebhook({ body: { ...input, ...(workspaceId ? { workspaceId } : {}) } });
    },
    created: (result) => result.webhook,
    update: (webhookId, body) => client.updateWebhook({ webhookId, body }),
    remove: async (webhookId) => void (await client.deleteWebhook({ webhookId })),
    at: "start",
  });

  return {
    webhooks: webhooks.items,
    loaded: webhooks.loaded,
    refresh: webhooks.refresh,
    /** Returns the signing secret, which the gateway shows only now. */
    create: async (input: CreateWebhookBody) => (await webhooks.create(input)).secret,
    update: webhooks.update,
    remove: webhooks.remove,
    deliveries: (webhookId: string): Promise<WebhookDeliveryLog> => client.webhookDeliveries({ webhookId }),
    replay: (webhookId: string, deliveryId: string) => client.replayDelivery({ webhookId, deliveryId }),
    test: (webhookId: string) => client.testWebhook({ webhookId }),
  };
}

/** Event filters offered when subscribing; any name, `prefix.*` or `*` is accepted. */
export const WEBHOOK_EVENTS = [
  "*",
  "message.*",
  "message.received",
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
  "message.held",
  "message.reaction",
  "poll.vote",
  "session.status",
  "group.update",
  "group.participants",
  "call.received",
  "call.ended",
  "presence",
] as const;
