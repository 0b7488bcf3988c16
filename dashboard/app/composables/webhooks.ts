import type { Delivery, Webhook } from "~~/shared/types/api";

export interface WebhookInput {
  url: string;
  events: string[];
  profileId?: string;
  description?: string;
}

export type DeliveryLog = Record<"pending" | "delivered" | "dead", Delivery[]>;

/** Webhook subscriptions and their delivery log. */
export function useWebhooks() {
  const webhooks = ref<Webhook[]>([]);
  const loaded = ref(false);

  async function refresh(): Promise<void> {
    webhooks.value = await apiFetch<Webhook[]>("/api/webhooks");
    loaded.value = true;
  }

  /** Returns the signing secret, which the gateway shows only now. */
  async function create(input: WebhookInput): Promise<string> {
    const workspaceId = useWorkspace().current.value ?? undefined;
    const { webhook, secret } = await apiFetch<{ webhook: Webhook; secret: string }>("/api/webhooks", {
      method: "POST",
      body: { ...input, ...(workspaceId ? { workspaceId } : {}) },
    });
    webhooks.value = [webhook, ...webhooks.value];
    return secret;
  }

  async function update(id: string, patch: Partial<WebhookInput & { enabled: boolean }>): Promise<void> {
    const webhook = await apiFetch<Webhook>(`/api/webhooks/${encodeURIComponent(id)}`, {
      method: "PATCH",
      body: patch,
    });
    webhooks.value = webhooks.value.map((w) => (w.id === id ? webhook : w));
  }

  async function remove(id: string): Promise<void> {
    await apiFetch(`/api/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" });
    webhooks.value = webhooks.value.filter((w) => w.id !== id);
  }

  const deliveries = (id: string) => apiFetch<DeliveryLog>(`/api/webhooks/${encodeURIComponent(id)}/deliveries`);
  const replay = (id: string, deliveryId: string) =>
    apiFetch<Delivery>(`/api/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`, {
      method: "POST",
    });
  const test = (id: string) => apiFetch<Delivery[]>(`/api/webhooks/${encodeURIComponent(id)}/test`, { method: "POST" });

  return {
    webhooks: shallowReadonly(webhooks),
    loaded: readonly(loaded),
    refresh,
    create,
    update,
    remove,
    deliveries,
    replay,
    test,
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
  "message.reaction",
  "poll.vote",
  "session.status",
  "group.update",
  "group.participants",
  "call.received",
  "call.ended",
  "presence",
] as const;
