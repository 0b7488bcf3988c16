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
  events: WebhookEventFilter.describe(
    "event names (`message.received`), prefixes (`message.*`) or `*`, as for webhooks",
  ),
  profileId: resourceId("profile")
    .optional()
    .describe("only this profile's events; otherwise every profile of the workspace"),
  description: z.string().max(500).optional().describe("a note for people"),
  enabled: z.boolean().default(true).describe("`false` stops publishing (nothing is queued meanwhile)"),
};

export const AmqpSettings = z.strictObject({
  kind: z.literal("amqp"),
  url: brokerUrl(/^amqps?$/, "amqp:// or amqps://").describe(
    "`amqp://user:password@host:5672/vhost` (or `amqps://`); the password is write-only, listed masked",
  ),
  exchange: name(/^[A-Za-z0-9_.:-]+$/, "must be letters, digits, _ . : or -")
    .default("multiwa.events")
    .describe("a durable topic exchange, declared if missing; the routing key is the event name"),
  queue: name(/^[A-Za-z0-9_.:-]+$/, "must be letters, digits, _ . : or -")
    .optional()
    .describe(
      "a durable queue declared and bound to the exchange for every event (`#`), so nothing is dropped before a consumer exists",
    ),
  ...common,
});

export const NatsSettings = z.strictObject({
  kind: z.literal("nats"),
  url: brokerUrl(/^(nats|tls)$/, "nats:// or tls://").describe(
    "`nats://user:password@host:4222` (or `tls://`; a user alone is a token); the password is write-only, listed masked",
  ),
  subject: name(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, "must be dot-separated tokens of letters, digits, _ or -")
    .default("multiwa")
    .describe("messages go to `<subject>.<event>` (`multiwa.message.received`)"),
  jetstream: z
    .boolean()
    .default(false)
    .describe("publish through JetStream: stored, acknowledged, deduplicated by delivery id (`Nats-Msg-Id`)"),
  stream: name(/^[A-Za-z0-9_-]+$/, "must be letters, digits, _ or -")
    .default("MULTIWA")
    .describe("the JetStream stream, created over `<subject>.>` if missing (with `jetstream` only)"),
  ...common,
});

export const RedisStreamSettings = z.strictObject({
  kind: z.literal("redis"),
  url: brokerUrl(/^rediss?$/, "redis:// or rediss://").describe(
    "`redis://:password@host:6379/0` (or `rediss://`); the password is write-only, listed masked",
  ),
  stream: name(/^[^\s]+$/, "must not contain spaces")
    .default("multiwa:events")
    .describe(
      "the stream key each event is appended to (`XADD`, fields `id`, `event`, `body`, and `traceparent` when traced)",
    ),
  maxLen: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .default(100_000)
    .describe("approximate cap on the stream's length (`MAXLEN ~`); `0` keeps everything"),
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
