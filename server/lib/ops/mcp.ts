import { z } from "zod";
import { SendRequestSchema, resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { MessageRecordView } from "../schemas.js";

const tag = "Agents";

const Preview = z.object({ profileId: z.string(), to: z.string(), type: z.string(), text: z.string() });

export const prepareSend = defineOperation({
  id: "prepareSend",
  method: "post",
  path: "/api/mcp/send/prepare",
  tag,
  permission: "messages.send",
  status: 201,
  summary:
    "Validate a send and hold it for confirmation: returns a preview and a single-use token (the MCP two-step send)",
  description:
    "The token is bound to the calling key or user, valid for `ttlSeconds` (default 300), and sends at most once.",
  body: z.object({
    profileId: resourceId("profile"),
    message: SendRequestSchema,
    ttlSeconds: z.number().int().min(10).max(3600).optional(),
  }),
  response: z.object({ token: z.string(), expiresAt: z.number(), preview: Preview }),
});
export const confirmSend = defineOperation({
  id: "confirmSend",
  method: "post",
  path: "/api/mcp/send/confirm",
  tag,
  permission: "messages.send",
  status: 202,
  summary: "Send a message held by `prepareSend`; a token works once, only for the caller who prepared it",
  body: z.object({ token: z.string().min(1).max(200) }),
  response: MessageRecordView,
});
