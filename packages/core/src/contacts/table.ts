import { sql } from "drizzle-orm";
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Contacts per workspace; `(workspace_id, created_at, id)` is the keyset of every list page. Search is a
 * substring match on the number and the name, so both have a trigram index (pg_trgm): without one a search
 * that matches few contacts reads them all (#18: 51x slower at 100k contacts than at 1k).
 */
export const contacts = pgTable(
  "contacts",
  {
    workspaceId: text("workspace_id").notNull(),
    /** Phone digits, or `lid-<id>` for hidden numbers. */
    id: text("id").notNull(),
    jid: text("jid").notNull(),
    phone: text("phone"),
    name: text("name"),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fields: jsonb("fields").$type<Record<string, string>>().notNull().default({}),
    optOut: boolean("opt_out").notNull().default(false),
    firstSeenAt: bigint("first_seen_at", { mode: "number" }),
    lastSeenAt: bigint("last_seen_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("contacts_workspace_created").on(t.workspaceId, t.createdAt, t.id),
    index("contacts_tags").using("gin", t.tags),
    index("contacts_id_trgm").using("gin", t.id.op("gin_trgm_ops")),
    index("contacts_name_trgm").using("gin", t.name.op("gin_trgm_ops")),
  ],
);
