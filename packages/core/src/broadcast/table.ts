import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** Where one recipient of a run stands. */
export type RecipientState =
  | "pending"
  | "queued"
  | "sent"
  | "delivered"
  | "read"
  | "failed"
  | "skipped"
  | "not_on_whatsapp";

/**
 * The recipients of each campaign run, frozen when the run starts (in one `insert … select` from
 * `contacts` for a tag audience, copying only ids: the fewer columns and indexes, the faster a 100k
 * audience starts), so a resumed run sends to the same people in the same order.
 * `seq` is dense from 0: the runner reads pages by `(…, seq)`; `state` counts give the progress.
 */
export const campaignRecipients = pgTable(
  "campaign_recipients",
  {
    workspaceId: text("workspace_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    run: integer("run").notNull(),
    seq: integer("seq").notNull(),
    /** Contact id (phone digits): part of the idempotency key. */
    contactId: text("contact_id").notNull(),
    jid: text("jid").notNull(),
    name: text("name"),
    phone: text("phone"),
    /** CSV rows only: a contact's own name and fields are read from `contacts` at send time. */
    fields: jsonb("fields").$type<Record<string, string>>().notNull().default({}),
    state: text("state").$type<RecipientState>().notNull().default("pending"),
    messageId: text("message_id"),
    updatedAt: bigint("updated_at", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.run, t.seq] }),
    index("campaign_recipients_state").on(t.workspaceId, t.campaignId, t.run, t.state),
  ],
);
