import { bigint, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** Message counters per profile and UTC day; the key `(profile_id, day)` answers every range query. */
export const analyticsDaily = pgTable(
  "analytics_daily",
  {
    profileId: text("profile_id").notNull(),
    /** YYYY-MM-DD (UTC): sorts as text. */
    day: text("day").notNull(),
    sent: integer("sent").notNull().default(0),
    received: integer("received").notNull().default(0),
    delivered: integer("delivered").notNull().default(0),
    read: integer("read").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    activeContacts: integer("active_contacts").notNull().default(0),
    responses: integer("responses").notNull().default(0),
    responseMsTotal: bigint("response_ms_total", { mode: "number" }).notNull().default(0),
    responseMsMax: bigint("response_ms_max", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.day] })],
);
