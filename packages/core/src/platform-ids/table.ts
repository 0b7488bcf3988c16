import { bigint, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * MultiWA's message ids ↔ the platform's (a Cloud API `wamid`), per profile, so statuses, replies,
 * reactions and media downloads resolve after a restart and on any node (issue #22). Pruned with the
 * message records (`keep.messages`).
 */
export const platformMessageIds = pgTable(
  "platform_message_ids",
  {
    profileId: text("profile_id").notNull(),
    /** Our id; for a received message, the platform's id itself. */
    messageId: text("message_id").notNull(),
    platformId: text("platform_id").notNull(),
    /** The platform's handle of the message's media (a Cloud API media id), for downloads. */
    mediaId: text("media_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.messageId] }),
    uniqueIndex("platform_message_ids_platform").on(t.profileId, t.platformId),
    index("platform_message_ids_created").on(t.createdAt),
  ],
);
