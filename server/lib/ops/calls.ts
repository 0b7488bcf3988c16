import { CallRejectSchema, CallSettingsSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

// Calls reaching a profile (#20): reject one, and the profile's auto-reject with an optional reply.
const tag = "Calls";

export const rejectCall = defineOperation({
  id: "rejectCall",
  method: "post",
  path: "/api/profiles/{id}/calls/reject",
  tag,
  summary: "Reject a ringing call",
  description: "`callId` and `from` as the `call.received` event named them.",
  permission: "calls.manage",
  params: ProfileParams,
  body: CallRejectSchema,
  status: 204,
});
export const getCallSettings = defineOperation({
  id: "getCallSettings",
  method: "get",
  path: "/api/profiles/{id}/calls/settings",
  tag,
  summary: "Auto-reject and auto-reply for calls",
  permission: "profiles.read",
  params: ProfileParams,
  response: CallSettingsSchema,
});
export const putCallSettings = defineOperation({
  id: "putCallSettings",
  method: "put",
  path: "/api/profiles/{id}/calls/settings",
  tag,
  summary: "Reject every incoming call, optionally answering with a text",
  permission: "calls.manage",
  params: ProfileParams,
  body: CallSettingsSchema,
  response: CallSettingsSchema,
});
