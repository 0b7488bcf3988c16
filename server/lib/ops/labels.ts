import {
  LabelAssociationSchema,
  LabelChatSchema,
  LabelCreateSchema,
  LabelMessageSchema,
  LabelSchema,
  LabelSettingsSchema,
  LabelUpdateSchema,
} from "@multiwa/core";
import { z } from "zod";
import { defineOperation } from "../operation.js";
import { ChatParams, ProfileParams } from "../schemas.js";

// Labels (WhatsApp Business, issue #21): list, create, edit, delete, put on chats and messages; tag mapping.
const tag = "Labels";

const LabelParams = ProfileParams.extend({ labelId: z.string().regex(/^\d{1,20}$/, "must be a label id (digits)") });
const capability = "Needs the `labels.manage` capability (WhatsApp Business accounts).";

export const listLabels = defineOperation({
  id: "listLabels",
  method: "get",
  path: "/api/profiles/{id}/labels",
  tag,
  summary: "The account's labels by name, with how many chats carry each",
  description:
    "As the gateway learnt them from WhatsApp's app-state sync (labels made on the phone too) and its own changes.",
  permission: "messages.read",
  params: ProfileParams,
  response: z.array(LabelSchema),
});
export const createLabel = defineOperation({
  id: "createLabel",
  method: "post",
  path: "/api/profiles/{id}/labels",
  tag,
  summary: "Create a label",
  description: `The gateway picks the next unused id. ${capability}`,
  permission: "messages.send",
  params: ProfileParams,
  body: LabelCreateSchema,
  response: LabelSchema,
  status: 201,
});
export const updateLabel = defineOperation({
  id: "updateLabel",
  method: "patch",
  path: "/api/profiles/{id}/labels/{labelId}",
  tag,
  summary: "Rename or recolour a label",
  description: capability,
  permission: "messages.send",
  params: LabelParams,
  body: LabelUpdateSchema,
  response: LabelSchema,
});
export const deleteLabel = defineOperation({
  id: "deleteLabel",
  method: "delete",
  path: "/api/profiles/{id}/labels/{labelId}",
  tag,
  summary: "Delete a label; the chats and messages it was on lose it",
  description: capability,
  permission: "messages.send",
  params: LabelParams,
  status: 204,
});
export const listLabelChats = defineOperation({
  id: "listLabelChats",
  method: "get",
  path: "/api/profiles/{id}/labels/{labelId}/chats",
  tag,
  summary: "The chats, and messages (`messageId`), carrying a label",
  permission: "messages.read",
  params: LabelParams,
  response: z.array(LabelAssociationSchema),
});
export const labelChat = defineOperation({
  id: "labelChat",
  method: "post",
  path: "/api/profiles/{id}/labels/{labelId}/chats",
  tag,
  summary: "Put a label on a chat",
  description: capability,
  permission: "messages.send",
  params: LabelParams,
  body: LabelChatSchema,
  status: 204,
});
export const unlabelChat = defineOperation({
  id: "unlabelChat",
  method: "delete",
  path: "/api/profiles/{id}/labels/{labelId}/chats/{chatId}",
  tag,
  summary: "Take a label off a chat",
  description: capability,
  permission: "messages.send",
  params: LabelParams.extend({ chatId: z.string().min(1) }),
  status: 204,
});
export const labelMessage = defineOperation({
  id: "labelMessage",
  method: "post",
  path: "/api/profiles/{id}/labels/{labelId}/messages",
  tag,
  summary: "Put a label on a message of the history",
  description: capability,
  permission: "messages.send",
  params: LabelParams,
  body: LabelMessageSchema,
  status: 204,
});
export const unlabelMessage = defineOperation({
  id: "unlabelMessage",
  method: "delete",
  path: "/api/profiles/{id}/labels/{labelId}/messages/{messageId}",
  tag,
  summary: "Take a label off a message",
  description: capability,
  permission: "messages.send",
  params: LabelParams.extend({ messageId: z.string().min(1).max(128) }),
  status: 204,
});
export const chatLabels = defineOperation({
  id: "chatLabels",
  method: "get",
  path: "/api/profiles/{id}/chats/{chatId}/labels",
  tag,
  summary: "The labels on a chat",
  permission: "messages.read",
  params: ChatParams,
  response: z.array(LabelSchema),
});
export const getLabelSettings = defineOperation({
  id: "getLabelSettings",
  method: "get",
  path: "/api/profiles/{id}/labels/settings",
  tag,
  summary: "Whether labels also tag contacts",
  permission: "profiles.read",
  params: ProfileParams,
  response: LabelSettingsSchema,
});
export const putLabelSettings = defineOperation({
  id: "putLabelSettings",
  method: "put",
  path: "/api/profiles/{id}/labels/settings",
  tag,
  summary: "Mirror labels as contact tags (or stop)",
  description:
    "With `syncTags`, each labelled chat's contact gets a tag named after the label (spaces become `-`), renamed and removed with the label. Tags set on contacts do not become labels.",
  permission: "profiles.manage",
  params: ProfileParams,
  body: LabelSettingsSchema,
  response: LabelSettingsSchema,
});
