import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { TraceCarrier } from "../util/tracing.js";

/** Webhook subscriptions, with their signing secrets. */
export const webhooks = pgTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    /** Only this profile's events; null: every profile of the workspace. */
    profileId: text("profile_id"),
    url: text("url").notNull(),
    events: jsonb("events").$type<string[]>().notNull(),
    description: text("description"),
    enabled: boolean("enabled").notNull(),
    secret: text("secret").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [index("webhooks_workspace").on(t.workspaceId, t.createdAt), index("webhooks_profile").on(t.profileId)],
);

/**
 * The outbox of deliveries: one row per event and subscription, pending until delivered or dead.
 * Nodes claim due rows (`next_at`) for `claimed_until`, so each attempt is made by one node.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id").notNull(),
    event: text("event").notNull(),
    profileId: text("profile_id"),
    body: text("body").notNull(),
    attempts: integer("attempts").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    nextAt: bigint("next_at", { mode: "number" }).notNull(),
    status: text("status").$type<"pending" | "delivered" | "dead">().notNull(),
    lastError: text("last_error"),
    lastStatus: integer("last_status"),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
    /** The node attempting it now and until when; another node may take it over afterwards. */
    claimedBy: text("claimed_by"),
    claimedUntil: bigint("claimed_until", { mode: "number" }),
    /** The causing event's trace context (W3C `traceparent`) when traced: every attempt's span continues it. */
    traceContext: jsonb("trace_context").$type<TraceCarrier>(),
  },
  (t) => [
    index("webhook_deliveries_due")
      .on(t.nextAt)
      .where(sql`status = 'pending'`),
    index("webhook_deliveries_webhook").on(t.webhookId, t.status, t.createdAt),
    index("webhook_deliveries_finished")
      .on(t.status, t.createdAt)
      .where(sql`status <> 'pending'`),
  ],
);
