import { bigint, boolean, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Event transports (RabbitMQ, NATS, Redis Streams): delivery targets beside webhooks. Their deliveries
 * live in `webhook_deliveries` (the one durable path), keyed by the transport's `tr_…` id.
 */
export const eventTransports = pgTable(
  "event_transports",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    profileId: text("profile_id"),
    kind: text("kind").$type<"amqp" | "nats" | "redis">().notNull(),
    /** The broker URL, with its password: never listed back. */
    url: text("url").notNull(),
    events: jsonb("events").$type<string[]>().notNull(),
    /** The kind's own settings (exchange, subject, stream…). */
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull(),
    description: text("description"),
    enabled: boolean("enabled").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [index("event_transports_workspace").on(t.workspaceId, t.createdAt)],
);
