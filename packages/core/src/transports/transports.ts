import { z } from "zod";
import type { MultiWAEventName } from "../events.js";
import { MultiWAError } from "../errors.js";
import { resolveTarget, type OutboundPolicy } from "../net/target.js";
import { parseInput } from "../schemas/parse.js";
import type { Delivery, WebhookDispatcher } from "../webhooks/dispatcher.js";
import type { TransportTargets } from "./connections.js";
import {
  CreateTransportSchema,
  settingsSchemaOf,
  UpdateTransportSchema,
  type CreateTransportInput,
  type UpdateTransportInput,
} from "./schema.js";
import { publicTransport, type EventTransport, type TransportStore } from "./store.js";

export interface TransportsDeps {
  store: TransportStore;
  targets: TransportTargets;
  /** The webhooks' durable delivery path: transports are one more kind of target on it. */
  dispatcher: WebhookDispatcher;
  /** The outbound policy: a broker on a private address needs the same switch a webhook does. */
  policy: OutboundPolicy;
}

/** Event transports (RabbitMQ, NATS, Redis Streams): the webhooks' events and deliveries, on a broker. */
export class Transports {
  constructor(private readonly deps: TransportsDeps) {}

  async create(input: CreateTransportInput): Promise<EventTransport> {
    const parsed = parseInput(CreateTransportSchema, input, "transport");
    await this.assertReachable(parsed.url);
    return publicTransport(await this.deps.store.create(parsed));
  }

  async get(id: string): Promise<EventTransport> {
    return publicTransport(await this.deps.store.stored(id));
  }

  /** Changes settings of the transport's kind; the connection is reopened on the next delivery. */
  async update(id: string, input: UpdateTransportInput): Promise<EventTransport> {
    const patch = parseInput(UpdateTransportSchema, input, "transport");
    const current = await this.deps.store.stored(id);
    const schema = settingsSchemaOf(current.kind);
    const foreign = Object.keys(patch).find((key) => !(key in schema.shape));
    if (foreign)
      throw new MultiWAError("VALIDATION_FAILED", `\`${foreign}\` is not a setting of ${current.kind} transports`, {
        details: {
          field: foreign,
          issues: [{ field: foreign, message: "not a setting of this kind", code: "unrecognized_keys" }],
        },
      });
    const { id: _id, createdAt, updatedAt: _u, ...settings } = current;
    const merged = Object.fromEntries(Object.entries({ ...settings, ...patch }).filter(([, v]) => v !== undefined));
    const next = parseInput(schema.extend({ workspaceId: z.string() }), merged, "transport");
    if (patch.url !== undefined) await this.assertReachable(next.url);
    const saved = await this.deps.store.replace({
      ...next,
      id,
      createdAt,
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
    });
    void this.deps.targets.sweep().catch(() => undefined);
    return publicTransport(saved);
  }

  async remove(id: string): Promise<void> {
    await this.deps.store.remove(id);
    void this.deps.targets.sweep().catch(() => undefined);
  }

  async list(filter: { workspaceId?: string } = {}): Promise<EventTransport[]> {
    return (await this.deps.store.list(filter)).map(publicTransport);
  }

  deliveries(id: string): Promise<{ pending: Delivery[]; delivered: Delivery[]; dead: Delivery[] }> {
    return this.deps.dispatcher.deliveries(id);
  }

  replay(id: string, deliveryId: string): Promise<Delivery> {
    return this.deps.dispatcher.replay(id, deliveryId);
  }

  /** Publishes a `webhook.test` event to this transport now, whatever its filters. */
  async test(id: string): Promise<Delivery[]> {
    const transport = await this.get(id);
    return this.deps.dispatcher.enqueue(
      "webhook.test" as MultiWAEventName,
      { ...(transport.profileId ? { profileId: transport.profileId } : {}) },
      id,
    );
  }

  /** Another node changed a transport: re-read them, and close connections of changed ones. */
  invalidate(): void {
    this.deps.store.invalidate();
    void this.deps.targets.sweep().catch(() => undefined);
  }

  /** Closes every broker connection (after the dispatcher stopped: nothing is in flight). */
  stop(): Promise<void> {
    return this.deps.targets.close();
  }

  // --- Internal helpers ---

  /** The broker's host must pass the outbound policy, as a webhook URL must (no probing of internal hosts). */
  private async assertReachable(url: string): Promise<void> {
    const parsed = new URL(url);
    if (!parsed.hostname)
      throw new MultiWAError("VALIDATION_FAILED", "The transport URL has no host", { details: { field: "url" } });
    await resolveTarget(parsed, this.deps.policy, "url");
  }
}
