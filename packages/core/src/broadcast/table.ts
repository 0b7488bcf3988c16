import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

/** Where one recipient of a run stands. */
export type RecipientState = "pending" | "queued" | "sent" | "delivered" | "read" | "failed" | "skipped";

/**
 * The recipients of each campaign run, frozen when the run starts (in one `insert … select` from
 * `contacts` for a tag audience), so a resumed run sends to the same people in the same order.
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
    fields: jsonb("fields").$type<Record<string, string>>().notNull(),
    state: text("state").$type<RecipientState>().notNull().default("pending"),
    messageId: text("message_id"),
    updatedAt: bigint("updated_at", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.run, t.seq] }),
    uniqueIndex("campaign_recipients_contact").on(t.workspaceId, t.campaignId, t.run, t.contactId),
    index("campaign_recipients_state").on(t.workspaceId, t.campaignId, t.run, t.state),
  ],
);
