import type { CreateTransportBody, EventTransport, TransportDeliveryLog, UpdateTransportBody } from "@multiwa/sdk";

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
  const client = useClient();
  const transports = useCollection<EventTransport, TransportInput, EventTransport, UpdateTransportBody>({
    list: () => client.listTransports(),
    create: (input) => {
      const workspaceId = useWorkspace().current.value ?? undefined;
      // The form's fields are the union's, flat; the gateway checks which belong to the kind.
      const body = { ...input, ...(workspaceId ? { workspaceId } : {}) } as CreateTransportBody;
      return client.createTransport({ body });
    },
    update: (transportId, body) => client.updateTransport({ transportId, body }),
    remove: async (transportId) => void (await client.deleteTransport({ transportId })),
  });

  return {
    transports: transports.items,
    loaded: transports.loaded,
    refresh: transports.refresh,
    create: transports.create,
    update: transports.update,
    remove: transports.remove,
    deliveries: (transportId: string): Promise<TransportDeliveryLog> => client.transportDeliveries({ transportId }),
    replay: (transportId: string, deliveryId: string) => client.replayTransportDelivery({ transportId, deliveryId }),
    test: (transportId: string) => client.testTransport({ transportId }),
  };
}

/** Where a transport publishes, in the broker's own words (`exchange multiwa.events`). */
export function transportTarget(t: EventTransport): string {
  if (t.kind === "amqp") return `${t.exchange}${t.queue ? ` → ${t.queue}` : ""}`;
  if (t.kind === "nats") return `${t.subject}.<event>${t.jetstream ? ` (JetStream ${t.stream})` : ""}`;
  return t.stream;
}
