import { z } from "zod";
import { secret } from "../schemas/secret.js";
import { resourceId } from "../tenancy/resource-id.js";
import { WebhookEventFilter } from "../webhooks/store.js";

export const TRANSPORT_KINDS = ["amqp", "nats", "redis"] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

/** A broker URL; it may carry a password, so it is write-only and shown back masked. */
const brokerUrl = (protocols: RegExp, example: string) =>
  secret(z.url({ protocol: protocols, error: `must be a ${example} URL` }).max(2000));
/** Exchange, subject and stream names: printable, no spaces (every broker refuses them somewhere). */
const name = (pattern: RegExp, hint: string) => z.string().min(1).max(200).regex(pattern, hint);

const common = {
  events: WebhookEventFilter,
  /** Only this profile's events; otherwise every profile of the workspace. */
  profileId: resourceId("profile").optional(),
  description: z.string().max(500).optional(),
  enabled: z.boolean().default(true),
};

export const AmqpSettings = z.strictObject({
  kind: z.literal("amqp"),
  /** `amqp://user:password@host:5672/vhost` (or `amqps://`). */
  url: brokerUrl(/^amqps?$/, "amqp:// or amqps://"),
  /** A durable topic exchange, declared if missing; the routing key is the event name. @default "multiwa.events" */
  exchange: name(/^[A-Za-z0-9_.:-]+$/, "must be letters, digits, _ . : or -").default("multiwa.events"),
  /** A durable queue declared and bound to the exchange for every event (`#`), so nothing is dropped before a consumer exists. */
  queue: name(/^[A-Za-z0-9_.:-]+$/, "must be letters, digits, _ . : or -").optional(),
  ...common,
});

export const NatsSettings = z.strictObject({
  kind: z.literal("nats"),
  /** `nats://user:password@host:4222` (or `tls://`). */
  url: brokerUrl(/^(nats|tls)$/, "nats:// or tls://"),
  /** Subjects are `<subject>.<event>` (`multiwa.message.received`). @default "multiwa" */
  subject: name(
    /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/,
    "must be dot-separated tokens of letters, digits, _ or -",
  ).default("multiwa"),
  /** Publish through JetStream (stored, acknowledged, deduplicated by delivery id). @default false */
  jetstream: z.boolean().default(false),
  /** The JetStream stream, created over `<subject>.>` if missing. @default "MULTIWA" */
  stream: name(/^[A-Za-z0-9_-]+$/, "must be letters, digits, _ or -").default("MULTIWA"),
  ...common,
});

export const RedisStreamSettings = z.strictObject({
  kind: z.literal("redis"),
  /** `redis://:password@host:6379/0` (or `rediss://`). */
  url: brokerUrl(/^rediss?$/, "redis:// or rediss://"),
  /** The stream key events are appended to (`XADD`). @default "multiwa:events" */
  stream: name(/^[^\s]+$/, "must not contain spaces").default("multiwa:events"),
  /** Approximate cap on the stream's length (`MAXLEN ~`); 0 keeps everything. @default 100000 */
  maxLen: z.number().int().min(0).max(1_000_000_000).default(100_000),
  ...common,
});

const kinds = [AmqpSettings, NatsSettings, RedisStreamSettings] as const;

/** A new transport; `workspaceId` is the schema the caller gives (required, defaulted or optional). */
export function transportInput<W extends z.ZodType>(workspaceId: W) {
  return z.discriminatedUnion(
    "kind",
    kinds.map((k) => k.extend({ workspaceId })) as unknown as [
      ReturnType<typeof AmqpSettings.extend<{ workspaceId: W }>>,
      ReturnType<typeof NatsSettings.extend<{ workspaceId: W }>>,
      ReturnType<typeof RedisStreamSettings.extend<{ workspaceId: W }>>,
    ],
  );
}

export const CreateTransportSchema = transportInput(resourceId("workspace").default("default"));

/** Any subset of the kind's settings (the kind and workspace stay); checked against the kind's schema once merged. */
export const UpdateTransportSchema = z.strictObject({
  url: secret(z.string().max(2000)).optional(),
  events: WebhookEventFilter.optional(),
  profileId: resourceId("profile").optional(),
  description: z.string().max(500).optional(),
  enabled: z.boolean().optional(),
  exchange: z.string().optional(),
  queue: z.string().optional(),
  subject: z.string().optional(),
  jetstream: z.boolean().optional(),
  stream: z.string().optional(),
  maxLen: z.number().optional(),
});

export type CreateTransportInput = z.input<typeof CreateTransportSchema>;
export type UpdateTransportInput = z.input<typeof UpdateTransportSchema>;
export type TransportSettings = z.output<typeof CreateTransportSchema>;

export const settingsSchemaOf = (kind: TransportKind) => kinds.find((k) => k.shape.kind.value === kind)!;
