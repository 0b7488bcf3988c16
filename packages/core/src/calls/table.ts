import { bigint, bigserial, boolean, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** Calls that rang a profile (#20), with how each ended; removed with the profile (its `profile_id`). */
export const callLog = pgTable(
  "call_log",
  {
    profileId: text("profile_id").notNull(),
    callId: text("call_id").notNull(),
    /** The caller's JID (phone JID when known). */
    from: text("from").notNull(),
    isVideo: boolean("is_video").notNull(),
    isGroup: boolean("is_group").notNull(),
    groupId: text("group_id"),
    /** Rang while the session was offline (seen on reconnect). */
    offline: boolean("offline").notNull(),
    /** WhatsApp's time of the offer: whole seconds, so `seq` orders calls within one. */
    offeredAt: bigint("offered_at", { mode: "number" }).notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    endedAt: bigint("ended_at", { mode: "number" }),
    /** `rejected`, `auto_rejected`, or how WhatsApp said it ended; null while ringing. */
    outcome: text("outcome"),
  },
  // Newest first per profile: the log's only order.
  (t) => [
    primaryKey({ columns: [t.profileId, t.callId] }),
    index("call_log_recent").on(t.profileId, t.offeredAt, t.seq),
  ],
);
