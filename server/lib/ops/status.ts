import { StatusPostSchema, StatusQuerySchema } from "@multiwa/core";
import { z } from "zod";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

// Statuses (stories, issue #21): post to all contacts or a list, delete, contacts' statuses and views.
const tag = "Status";

const StatusParams = ProfileParams.extend({ statusId: z.string().min(1).max(128) });

const StatusContentView = z.union([
  z.object({
    type: z.literal("text"),
    text: z.string(),
    backgroundColor: z.string().optional(),
    font: z.number().optional(),
  }),
  z.object({
    type: z.enum(["image", "video", "voice"]),
    mimetype: z.string().optional(),
    caption: z.string().optional(),
    size: z.number().optional(),
  }),
  z.object({ type: z.literal("unknown"), raw: z.string().optional() }),
]);

const StatusRecordView = z
  .object({
    id: z.string(),
    profileId: z.string(),
    fromMe: z.boolean(),
    sender: z.string(),
    pushName: z.string().optional(),
    content: StatusContentView,
    recipients: z.array(z.string()).optional().describe("Ours: who it went to"),
    postedAt: z.number(),
    deletedAt: z.number().optional(),
    views: z
      .array(z.object({ viewer: z.string(), viewedAt: z.number() }))
      .describe("Ours: who viewed it, first view each"),
  })
  .meta({ id: "StatusPost" });

export const postStatus = defineOperation({
  id: "postStatus",
  method: "post",
  path: "/api/profiles/{id}/status",
  tag,
  summary: "Post a status (story): text on a colour, image, video or voice",
  description:
    "Goes to `recipients` (numbers or JIDs), or to every contact of the profile's workspace that has not opted out when absent. `font`: 0 system, 1 system text, 2 script, 6 bold, 7–10 display fonts. Media as `{url}` or `{base64}`, or upload with multipart/form-data (fields `type`, `caption`, `backgroundColor`, `recipients` comma-separated, and a `file`). Needs the `status.post` capability.",
  permission: "messages.send",
  params: ProfileParams,
  body: StatusPostSchema,
  bodyTypes: ["multipart/form-data"],
  response: StatusRecordView,
  status: 201,
});
export const listStatuses = defineOperation({
  id: "listStatuses",
  method: "get",
  path: "/api/profiles/{id}/status",
  tag,
  summary: "Statuses the account posted (with who viewed them) and its contacts' statuses, newest first",
  permission: "messages.read",
  params: ProfileParams,
  query: StatusQuerySchema,
  response: z.array(StatusRecordView),
});
export const getStatus = defineOperation({
  id: "getStatus",
  method: "get",
  path: "/api/profiles/{id}/status/{statusId}",
  tag,
  summary: "One status with its views",
  permission: "messages.read",
  params: StatusParams,
  response: StatusRecordView,
});
export const deleteStatus = defineOperation({
  id: "deleteStatus",
  method: "delete",
  path: "/api/profiles/{id}/status/{statusId}",
  tag,
  summary: "Delete a status the account posted, for everyone it went to",
  permission: "messages.send",
  params: StatusParams,
  status: 204,
});
