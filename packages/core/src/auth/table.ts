import { bigint, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

/** API keys: only the SHA-256 of each token is kept, and every request finds its key by that hash. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    hash: text("hash").notNull(),
    name: text("name").notNull(),
    /** Null: the key is not limited to one organization (gateway-wide). */
    organizationId: text("organization_id"),
    workspaceId: text("workspace_id"),
    permissions: text("permissions").array().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }),
    lastUsedAt: bigint("last_used_at", { mode: "number" }),
    revokedAt: bigint("revoked_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("api_keys_hash").on(t.hash),
    index("api_keys_org_created").on(t.organizationId, t.createdAt),
    index("api_keys_workspace").on(t.workspaceId),
  ],
);
