import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { Campaign, CampaignStatus } from "./schema.js";

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
 * One row per campaign; `(workspace_id, created_at, id)` orders every list. The current run's progress
 * is kept here as counters (`pending` … `not_on_whatsapp`, summing to `total`), moved by the same
 * statement that moves recipients' states, so reading progress never counts recipients.
 * `cursor`: the run's recipients before this `seq` were handled (saved every few sends).
 * `frozen`: the run's recipient list is complete; until then the runner freezes it page by page while it
 * sends, from `fill_at`/`fill_id` (the `(created_at, id)` of the last tagged contact frozen), so a 100k
 * audience starts at once and a restart mid-freeze goes on where the last committed page ended.
 * Only `records.ts` reads or writes it.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    status: text("status").$type<CampaignStatus>().notNull(),
    profileIds: jsonb("profile_ids").$type<string[]>().notNull(),
    message: jsonb("message").$type<Campaign["message"]>().notNull(),
    audience: jsonb("audience").$type<Campaign["audience"]>().notNull(),
    /** The uploaded CSV audience, read only when a run starts. */
    csv: text("csv"),
    schedule: jsonb("schedule").$type<Campaign["schedule"]>().notNull(),
    pacing: jsonb("pacing").$type<Campaign["pacing"]>().notNull(),
    skipNotOnWhatsApp: boolean("skip_not_on_whatsapp").notNull().default(false),
    run: integer("run").notNull().default(0),
    cursor: integer("cursor").notNull().default(0),
    total: integer("total").notNull().default(0),
    frozen: boolean("frozen").notNull().default(true),
    fillAt: bigint("fill_at", { mode: "number" }),
    fillId: text("fill_id"),
    pending: integer("pending").notNull().default(0),
    queued: integer("queued").notNull().default(0),
    sent: integer("sent").notNull().default(0),
    delivered: integer("delivered").notNull().default(0),
    read: integer("read").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    notOnWhatsApp: integer("not_on_whatsapp").notNull().default(0),
    nextRunAt: bigint("next_run_at", { mode: "number" }),
    error: jsonb("error").$type<NonNullable<Campaign["error"]>>(),
    pausedFrom: text("paused_from").$type<CampaignStatus>(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    startedAt: bigint("started_at", { mode: "number" }),
    finishedAt: bigint("finished_at", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("campaigns_workspace_created").on(t.workspaceId, t.createdAt, t.id),
    // The lease sweep reads only what may run: scheduled and running campaigns.
    index("campaigns_active")
      .on(t.status)
      .where(sql`"status" in ('running', 'scheduled')`),
  ],
);

/**
 * The recipients of each campaign run, frozen while the run starts (by keyset pages of `insert … select`
 * from `contacts` for a tag audience, copying only ids: the fewer columns and indexes, the faster a page),
 * so a resumed run sends to the same people in the same order.
 * `seq` is dense from 0: the runner reads pages by `(…, seq)`. Counts live in `campaigns`; the only
 * other index is partial over handled recipients, so it costs nothing while a run is filled (all pending).
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
    /** CSV rows only (name, phone, fields): a contact's own are read from `contacts` at send time. */
    name: text("name"),
    phone: text("phone"),
    fields: jsonb("fields").$type<Record<string, string>>(),
    state: text("state").$type<RecipientState>().notNull().default("pending"),
    messageId: text("message_id"),
    updatedAt: bigint("updated_at", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.run, t.seq] }),
    index("campaign_recipients_handled")
      .on(t.workspaceId, t.campaignId, t.run, t.seq)
      .where(sql`"state" <> 'pending'`),
  ],
);
