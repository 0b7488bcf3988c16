import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { WAMessage } from "../engine/types.js";
import type { ChatPreview } from "./history.js";

/** Every message a profile sent or received; `(chat, time, seq)` is the keyset of history pages. */
export const chatMessages = pgTable(
  "chat_messages",
  {
    profileId: text("profile_id").notNull(),
    id: text("id").notNull(),
    chatId: text("chat_id").notNull(),
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
    /** Breaks ties between messages of the same millisecond, in the order they were recorded. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    message: jsonb("message").$type<Omit<WAMessage, "profileId">>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.id] }),
    index("chat_messages_page").on(t.profileId, t.chatId, t.timestamp, t.seq),
    index("chat_messages_time").on(t.timestamp),
  ],
);

/** One row per conversation: what a chat list shows, kept beside the messages so listing scans nothing. */
export const chats = pgTable(
  "chats",
  {
    profileId: text("profile_id").notNull(),
    chatId: text("chat_id").notNull(),
    lastMessage: jsonb("last_message").$type<ChatPreview>(),
    unread: integer("unread").notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
    // Chat settings WhatsApp syncs between the account's devices (issue #20).
    archived: boolean("archived").notNull().default(false),
    pinned: boolean("pinned").notNull().default(false),
    /** ms since the epoch; null when not muted. */
    mutedUntil: bigint("muted_until", { mode: "number" }),
    /** Marked unread by hand (WhatsApp's "mark as unread"), apart from the unread count. */
    markedUnread: boolean("marked_unread").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.chatId] }), index("chats_recent").on(t.profileId, t.updatedAt)],
);

/**
 * A media message's reference (issue #20): what its engine needs to forward or download it again without
 * the original in memory (CDN path, per-message media key, hashes, as WhatsApp's own database keeps them).
 * Apart from `chat_messages.message`, so the key never reaches an API answer; pruned with the history.
 */
export const messageMedia = pgTable(
  "message_media",
  {
    profileId: text("profile_id").notNull(),
    id: text("id").notNull(),
    /** The message's time, for retention. */
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
    ref: jsonb("ref").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.id] }), index("message_media_time").on(t.timestamp)],
);
