import { bigint, boolean, index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** Statuses (stories) per profile: the ones it posted and the ones its contacts posted (issue #21). */
export const statuses = pgTable(
  "statuses",
  {
    profileId: text("profile_id").notNull(),
    id: text("id").notNull(),
    fromMe: boolean("from_me").notNull(),
    /** Who posted it: the account's own JID for ours. */
    sender: text("sender").notNull(),
    pushName: text("push_name"),
    /** InboundStatusContent */
    content: jsonb("content").notNull(),
    /** Ours only: the user JIDs it went to (a delete goes to the same list). */
    recipients: jsonb("recipients"),
    postedAt: bigint("posted_at", { mode: "number" }).notNull(),
    deletedAt: bigint("deleted_at", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.id] }), index("statuses_posted").on(t.profileId, t.postedAt)],
);

/** Who viewed one of our statuses, once per viewer. */
export const statusViews = pgTable(
  "status_views",
  {
    profileId: text("profile_id").notNull(),
    statusId: text("status_id").notNull(),
    viewer: text("viewer").notNull(),
    viewedAt: bigint("viewed_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.statusId, t.viewer] })],
);
