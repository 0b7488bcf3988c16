import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { MessageContent, SendOptions } from "../schemas/message.js";
import type { TraceCarrier } from "../util/tracing.js";
import type { LimitHold } from "./limit-hold.js";

/**
 * The send outbox: one row per accepted message, its status record and, while `queued`, the payload
 * the engine still has to send. Taking a message off the queue and recording "sent" is one update.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    profileId: text("profile_id").notNull(),
    id: text("id").notNull(),
    to: text("to").notNull(),
    type: text("type").notNull(),
    status: text("status").$type<"queued" | "sending" | "sent" | "delivered" | "read" | "failed">().notNull(),
    /** The status' order (queued 0 … read 4, failed 5): a status only moves forward. */
    rank: integer("rank").notNull(),
    attempts: integer("attempts").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    idempotencyKey: text("idempotency_key"),
    /** The id the engine gave the message when it could not use ours (receipts carry it). */
    engineId: text("engine_id"),
    error: jsonb("error").$type<{ code: string; message: string }>(),
    /** Accepted order within the profile's queue. */
    seq: text("seq").notNull(),
    /** Still to be sent; `payload` is dropped once it is not. */
    queued: boolean("queued").notNull(),
    /** What the engine sends, the accepting request's trace context (W3C `traceparent`) when traced, and a limit's hold. */
    payload: jsonb("payload").$type<{
      content: MessageContent;
      options: SendOptions;
      trace?: TraceCarrier;
      /** While WhatsApp's limit holds it (issue #21): when it is tried again. */
      held?: LimitHold;
    }>(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.id] }),
    index("outbox_messages_queue")
      .on(t.profileId, t.seq)
      .where(sql`queued`),
    index("outbox_messages_engine_id")
      .on(t.profileId, t.engineId)
      .where(sql`engine_id is not null`),
    index("outbox_messages_finished")
      .on(t.updatedAt)
      .where(sql`not queued`),
  ],
);
