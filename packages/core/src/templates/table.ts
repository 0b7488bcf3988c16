import { bigint, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { Template } from "./store.js";

/** Message templates per workspace; `(workspace_id, created_at, id)` orders every list. */
export const templates = pgTable(
  "templates",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    body: text("body").notNull(),
    media: jsonb("media").$type<NonNullable<Template["media"]>>(),
    defaults: jsonb("defaults").$type<Record<string, string>>().notNull(),
    /** The official platform's template it sends as on the Cloud API (issue #22). */
    businessTemplate: jsonb("business_template").$type<NonNullable<Template["businessTemplate"]>>(),
    variables: text("variables").array().notNull(),
    /** Bumped by one `update … set times_used = times_used + n` per campaign or rule send. */
    timesUsed: integer("times_used").notNull().default(0),
    lastUsedAt: bigint("last_used_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("templates_workspace_created").on(t.workspaceId, t.createdAt, t.id),
    index("templates_workspace_category").on(t.workspaceId, t.category, t.createdAt),
  ],
);
