import { bigint, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { AccountInfo } from "../engine/types.js";
import type { PacingInput } from "../outbox/pacing.js";

/** Profiles (one WhatsApp account each) per workspace; listed by `(workspace_id, created_at)`. */
export const profiles = pgTable(
  "profiles",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    name: text("name").notNull(),
    engine: text("engine").notNull(),
    desired: text("desired").$type<"running" | "stopped">().notNull(),
    status: text("status").notNull(),
    me: jsonb("me").$type<AccountInfo>(),
    pacing: jsonb("pacing").$type<PacingInput>(),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    /** Names of the engine settings that are set (their values stay in unstorage, see session/settings.ts). */
    settingsKeys: text("settings_keys").array(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [index("profiles_workspace_created").on(t.workspaceId, t.createdAt), index("profiles_desired").on(t.desired)],
);
