import type { Delivery, EventTransport } from "~~/shared/types/api";
import type { DeliveryLog } from "~/composables/webhooks";

export type TransportKind = EventTransport["kind"];

/** What the form sends; names left empty take the gateway's defaults. */
export interface TransportInput {
  kind: TransportKind;
  url: string;
  events: string[];
  profileId?: string;
  description?: string;
  exchange?: string;
  queue?: string;
  subject?: string;
  jetstream?: boolean;
  stream?: string;
}

/** Event transports (RabbitMQ, NATS, Redis Streams) and their delivery log, beside the webhooks. */
export function useTransports() {
  const transports = ref<EventTransport[]>([]);
  const loaded = ref(false);
  const path = (id: string, rest = "") => `/api/transports/${encodeURIComponent(id)}${rest}`;

  async function refresh(): Promise<void> {
    transports.value = await apiFetch<EventTransport[]>("/api/transports");
    loaded.value = true;
  }

  async function create(input: TransportInput): Promise<EventTransport> {
    const workspaceId = useWorkspace().current.value ?? undefined;
    const transport = await apiFetch<EventTransport>("/api/transports", {
      method: "POST",
      body: { ...input, ...(workspaceId ? { workspaceId } : {}) },
    });
    transports.value = [...transports.value, transport];
    return transport;
  }

  async function update(id: string, patch: { enabled?: boolean }): Promise<void> {
    const transport = await apiFetch<EventTransport>(path(id), { method: "PATCH", body: patch });
    transports.value = transports.value.map((t) => (t.id === id ? transport : t));
  }

  async function remove(id: string): Promise<void> {
    await apiFetch(path(id), { method: "DELETE" });
    transports.value = transports.value.filter((t) => t.id !== id);
  }

  const deliveries = (id: string) => apiFetch<DeliveryLog>(path(id, "/deliveries"));
  const replay = (id: string, deliveryId: string) =>
    apiFetch<Delivery>(path(id, `/deliveries/${encodeURIComponent(deliveryId)}/replay`), { method: "POST" });
  const test = (id: string) => apiFetch<Delivery[]>(path(id, "/test"), { method: "POST" });

  return {
    transports: shallowReadonly(transports),
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

/** Where a transport publishes, in the broker's own words (`exchange multiwa.events`). */
export function transportTarget(t: EventTransport): string {
  if (t.kind === "amqp") return `${t.exchange}${t.queue ? ` → ${t.queue}` : ""}`;
  if (t.kind === "nats") return `${t.subject}.<event>${t.jetstream ? ` (JetStream ${t.stream})` : ""}`;
  return t.stream;
}
