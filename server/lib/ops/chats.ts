import { z } from "zod";
import { HistoryStatusSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { ChatParams, ChatView, MessageParams, ProfileParams } from "../schemas.js";

// Chat settings WhatsApp syncs between the account's devices (issue #20): archive, pin, mute,
// mark unread, delete, clear, star; and the chat list's filters.
const tag = "Chats";

const ChatPatchBody = z
  .object({
    archived: z.boolean().optional(),
    pinned: z.boolean().optional(),
    mutedUntil: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe("Muted until this time (ms since the epoch); null unmutes"),
    unread: z.boolean().optional().describe("Mark the chat unread (true) or read (false)"),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "give at least one of archived, pinned, mutedUntil, unread",
  });

export const updateChat = defineOperation({
  id: "updateChat",
  method: "patch",
  path: "/api/profiles/{id}/chats/{chatId}",
  tag,
  summary: "Archive, pin, mute or mark a chat unread",
  description:
    "Applied on the WhatsApp account (synced to the phone) and in the chat list. Each field needs its engine capability (`chats.archive`, `chats.pin`, `chats.mute`, `chats.markUnread`); all are checked before anything changes.",
  permission: "messages.send",
  params: ChatParams,
  body: ChatPatchBody,
  response: ChatView,
});

export const deleteChat = defineOperation({
  id: "deleteChat",
  method: "delete",
  path: "/api/profiles/{id}/chats/{chatId}",
  tag,
  summary: "Delete a chat and its messages",
  permission: "messages.send",
  params: ChatParams,
  status: 204,
});

export const clearChat = defineOperation({
  id: "clearChat",
  method: "post",
  path: "/api/profiles/{id}/chats/{chatId}/clear",
  tag,
  summary: "Clear a chat's messages, keeping the chat",
  permission: "messages.send",
  params: ChatParams,
  status: 204,
});

export const starMessage = defineOperation({
  id: "starMessage",
  method: "post",
  path: "/api/profiles/{id}/messages/{messageId}/star",
  tag,
  summary: "Star or unstar a message from the history",
  permission: "messages.send",
  params: MessageParams,
  body: z.object({ starred: z.boolean().default(true) }).strict(),
  status: 204,
});

export const getHistoryStatus = defineOperation({
  id: "getHistoryStatus",
  method: "get",
  path: "/api/profiles/{id}/history",
  tag,
  summary: "Where the profile's history import stands",
  description:
    "The import of the history WhatsApp sends after linking (issue #21): `idle`, `importing` or `completed`, WhatsApp's progress, the messages, chats and contacts imported so far (on-demand fetches included), when the last chunk arrived and the oldest message time. Kept in the key-value store: the same on every node and after a restart. Changes arrive as `history.progress` and `history.completed` events.",
  permission: "messages.read",
  params: ProfileParams,
  response: HistoryStatusSchema,
});

export const fetchChatHistory = defineOperation({
  id: "fetchChatHistory",
  method: "post",
  path: "/api/profiles/{id}/chats/{chatId}/history/fetch",
  tag,
  summary: "Fetch older messages of a chat from the phone",
  description:
    "Asks the phone for `count` messages older than the oldest one stored (issue #21). Accepted at once (202); the messages arrive as a history import: `history.progress`, then `history.completed` with this `requestId`. Needs `history.sync`.",
  permission: "messages.read",
  params: ChatParams,
  body: z.object({ count: z.number().int().min(1).max(500).default(50) }).strict(),
  response: z.object({ requestId: z.string(), chatId: z.string() }),
  status: 202,
});
