import { bigint, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";

/** The audit log; `id` sorts by time, so `(organization_id, id)` is the keyset of every page. */
export const auditEntries = pgTable(
  "audit_entries",
  {
    id: text("id").primaryKey(),
    at: bigint("at", { mode: "number" }).notNull(),
    /** "" for calls outside any organization (gateway admins). */
    organizationId: text("organization_id").notNull(),
    workspaceId: text("workspace_id"),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    target: text("target"),
    ip: text("ip"),
    status: integer("status").notNull(),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_entries_org_id").on(t.organizationId, t.id),
    index("audit_entries_actor_id").on(t.actorId, t.id),
    index("audit_entries_workspace_id").on(t.workspaceId, t.id),
  ],
);
