import { z } from "zod";
import { SendOptionsSchema, SendRequestSchema, resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import {
  ChatParams,
  ChatView,
  HistoryQuery,
  ChatListQuery,
  MessageParams,
  MessageRecordView,
  PresenceBody,
  ProfileParams,
  ReadBody,
  TypedSendBody,
  TypedSendParams,
  WAMessageView,
} from "../schemas.js";

const tag = "Messages";

export const sendMessage = defineOperation({
  id: "sendMessage",
  method: "post",
  path: "/api/profiles/{id}/messages",
  tag,
  permission: "messages.send",
  status: 202,
  summary: "Queue a message of any type",
  description:
    "Persisted before the response; poll `GET …/messages/{messageId}` or listen to events for progress. Media as `{url}` or `{base64}`, or upload with multipart/form-data (fields `to`, `type`, `caption`, … and a `file`).",
  params: ProfileParams,
  body: SendRequestSchema,
  bodyTypes: ["multipart/form-data"],
  response: MessageRecordView,
});
export const sendTemplateMessage = defineOperation({
  id: "sendTemplateMessage",
  method: "post",
  path: "/api/profiles/{id}/messages/template",
  tag,
  permission: "messages.send",
  status: 202,
  summary: "Queue a saved template for one recipient, rendered for the profile's engine",
  description:
    "On the Cloud API the template's linked Meta template (`businessTemplate`) goes out with its parameters filled in; on other engines its body as text. Variables come from the saved contact or `sample`.",
  params: ProfileParams,
  body: z.object({
    to: z.string().min(1, "is required"),
    templateId: resourceId("template"),
    /** Fill the variables from this saved contact… */
    contactId: resourceId("contact").optional(),
    /** …or from these values. */
    sample: z
      .object({
        name: z.string().max(200).optional(),
        phone: z.string().max(40).optional(),
        fields: z.record(z.string(), z.string().max(1000)).optional(),
      })
      .optional(),
    options: SendOptionsSchema.optional(),
  }),
  response: MessageRecordView,
});
export const sendTyped = defineOperation({
  id: "sendTyped",
  method: "post",
  path: "/api/profiles/{id}/send/{type}",
  tag,
  permission: "messages.send",
  status: 202,
  summary: "Queue a message of one type: the content fields sit at the top level next to `to`",
  params: TypedSendParams,
  body: TypedSendBody,
  bodyTypes: ["multipart/form-data"],
  response: MessageRecordView,
});
export const getMessage = defineOperation({
  id: "getMessage",
  method: "get",
  path: "/api/profiles/{id}/messages/{messageId}",
  tag,
  summary: "Delivery status of a sent message",
  permission: "messages.read",
  params: MessageParams,
  response: MessageRecordView,
});
export const listChats = defineOperation({
  id: "listChats",
  method: "get",
  path: "/api/profiles/{id}/chats",
  tag,
  summary: "Conversations, most recent first, with unread counts",
  description:
    "Filter with `archived`, `unread` and `groups`; page with `before` = the last chat's `<updatedAt>.<id>`.",
  permission: "messages.read",
  params: ProfileParams,
  query: ChatListQuery,
  response: z.array(ChatView),
});
export const chatMessages = defineOperation({
  id: "chatMessages",
  method: "get",
  path: "/api/profiles/{id}/chats/{chatId}/messages",
  tag,
  summary: "A page of a chat's messages, oldest first",
  permission: "messages.read",
  params: ChatParams,
  query: HistoryQuery,
  response: z.object({ messages: z.array(WAMessageView), next: z.string().optional() }),
});
export const markRead = defineOperation({
  id: "markRead",
  method: "post",
  path: "/api/profiles/{id}/chats/{chatId}/read",
  tag,
  summary: "Send read receipts and clear the unread count",
  permission: "messages.send",
  params: ChatParams,
  body: ReadBody,
  status: 204,
});
export const sendPresence = defineOperation({
  id: "sendPresence",
  method: "post",
  path: "/api/profiles/{id}/presence",
  tag,
  summary: "Show online/typing/recording",
  permission: "messages.send",
  params: ProfileParams,
  body: PresenceBody,
  status: 204,
});
export const downloadMedia = defineOperation({
  id: "downloadMedia",
  method: "get",
  path: "/api/profiles/{id}/messages/{messageId}/media",
  tag,
  summary: "The media file of a message from the history",
  permission: "messages.read",
  params: MessageParams,
  produces: "application/octet-stream",
});

// Message actions (issue #20): forward a message from the history, pin it in its chat.
const ForwardBody = z
  .object({
    to: z.string().min(1, "is required").describe("The chat to forward to: a phone number or a JID"),
    options: SendOptionsSchema.pick({ idempotencyKey: true, typing: true }).optional(),
  })
  .strict();
export const forwardMessage = defineOperation({
  id: "forwardMessage",
  method: "post",
  path: "/api/profiles/{id}/messages/{messageId}/forward",
  tag,
  permission: "messages.send",
  status: 202,
  summary: "Forward a message from the history to another chat",
  description:
    'Queued like any send and shown to the recipient as forwarded. Needs `send.forward`; the same as sending `{"type":"forward","messageId":…}`.',
  params: MessageParams,
  body: ForwardBody,
  response: MessageRecordView,
});
const PinBody = z
  .object({
    pinned: z.boolean().default(true),
    duration: z
      .enum(["24h", "7d", "30d"])
      .default("7d")
      .describe("How long the pin lasts for everyone in the chat (ignored when unpinning)"),
  })
  .strict();
export const pinMessage = defineOperation({
  id: "pinMessage",
  method: "post",
  path: "/api/profiles/{id}/messages/{messageId}/pin",
  tag,
  permission: "messages.send",
  status: 204,
  summary: "Pin or unpin a message from the history in its chat",
  description: "Pinned for everyone in the chat for 24 hours, 7 days or 30 days. Needs `messages.pin`.",
  params: MessageParams,
  body: PinBody,
});
