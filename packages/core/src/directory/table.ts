import { bigint, boolean, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Which phone number is behind a user's other id, per profile: a LID (`…@lid`, WhatsApp) or a
 * business-scoped user id (`…@bsuid`, Meta's official API), as `kind` says.
 */
export const idMappings = pgTable(
  "id_mappings",
  {
    profileId: text("profile_id").notNull(),
    /** `lid` or `bsuid` */
    kind: text("kind").notNull(),
    id: text("id").notNull(),
    /** `digits@s.whatsapp.net` */
    phone: text("phone").notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.id] }), index("id_mappings_phone").on(t.profileId, t.phone)],
);

/** Number checks per profile, answered from here while younger than the cache age (fewer checks, fewer bans). */
export const numberChecks = pgTable(
  "number_checks",
  {
    profileId: text("profile_id").notNull(),
    /** Digits only */
    phone: text("phone").notNull(),
    exists: boolean("exists").notNull(),
    jid: text("jid"),
    lid: text("lid"),
    checkedAt: bigint("checked_at", { mode: "number" }).notNull(),
  },
  // checked_at per profile: how many numbers went to WhatsApp in the last minute (the rate limit).
  (t) => [primaryKey({ columns: [t.profileId, t.phone] }), index("number_checks_checked").on(t.profileId, t.checkedAt)],
);
