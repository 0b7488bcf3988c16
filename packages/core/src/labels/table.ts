import { bigint, boolean, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** A profile's labels as its app state has them (issue #21); a deleted label keeps its row, flagged. */
export const labels = pgTable(
  "labels",
  {
    profileId: text("profile_id").notNull(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    color: integer("color").notNull(),
    predefinedId: text("predefined_id"),
    deleted: boolean("deleted").notNull().default(false),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.id] })],
);

/** Which chats (and messages: `message_id` not empty) carry which label. */
export const labelAssociations = pgTable(
  "label_associations",
  {
    profileId: text("profile_id").notNull(),
    labelId: text("label_id").notNull(),
    chatId: text("chat_id").notNull(),
    /** Empty for the chat itself. */
    messageId: text("message_id").notNull().default(""),
    at: bigint("at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.labelId, t.chatId, t.messageId] }),
    index("label_associations_chat").on(t.profileId, t.chatId),
  ],
);
