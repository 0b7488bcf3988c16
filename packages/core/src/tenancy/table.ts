import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

/** Organizations own workspaces; `created_at` orders every list. */
export const organizations = pgTable("organizations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: bigint("created_at", { mode: "number" }).notNull(),
});

/** Workspaces per organization; listed by `(organization_id, created_at)`. */
export const workspaces = pgTable(
  "workspaces",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    name: text("name").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("workspaces_org_created").on(t.organizationId, t.createdAt)],
);

/** Users with their scrypt password hash; emails are unique (stored lowercased) and looked up on every login. */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    locale: text("locale"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("users_email").on(t.email)],
);

/** Login sessions by the SHA-256 of their token (the token itself is never kept). */
export const userSessions = pgTable(
  "user_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id").notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("user_sessions_user").on(t.userId), index("user_sessions_expires").on(t.expiresAt)],
);

/** Who belongs to which organization; `roles` maps a workspace id (or `*`) to a role id. */
export const members = pgTable(
  "members",
  {
    organizationId: text("organization_id").notNull(),
    userId: text("user_id").notNull(),
    roles: jsonb("roles").$type<Record<string, string>>().notNull(),
    joinedAt: bigint("joined_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] }), index("members_user").on(t.userId)],
);

/** Custom roles per organization (the built-in ones live in code). */
export const roles = pgTable(
  "roles",
  {
    organizationId: text("organization_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    permissions: text("permissions").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.id] })],
);

/** Pending invitations by the SHA-256 of their token; taken (deleted) when accepted. */
export const invitations = pgTable(
  "invitations",
  {
    tokenHash: text("token_hash").primaryKey(),
    organizationId: text("organization_id").notNull(),
    email: text("email").notNull(),
    roles: jsonb("roles").$type<Record<string, string>>().notNull(),
    invitedBy: text("invited_by").notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("invitations_org").on(t.organizationId)],
);
