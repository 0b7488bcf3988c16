import { CallLogEntrySchema, CallLogQuerySchema, CallRejectSchema, CallSettingsSchema } from "@multiwa/core";
import { z } from "zod";
import { defineOperation } from "../operation.js";
import { ProfileParams } from "../schemas.js";

const CallSettingsView = CallSettingsSchema.meta({ id: "CallSettings" });
const CallLogEntryView = CallLogEntrySchema.meta({ id: "CallLogEntry" });

// Calls reaching a profile (#20): reject one, the profile's auto-reject with an optional reply, the call log.
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
  response: CallSettingsView,
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
  response: CallSettingsView,
});
export const listCalls = defineOperation({
  id: "listCalls",
  method: "get",
  path: "/api/profiles/{id}/calls",
  tag,
  summary: "The profile's call log, newest first",
  description:
    "`outcome`: `ringing`, `rejected` (through the API or dashboard), `auto_rejected` (the auto-reject setting or a rule), or how WhatsApp said it ended (`accepted` on another device, `timeout`, `terminated` by the caller). Page on with `after`: the `next` of the previous page.",
  permission: "messages.read",
  params: ProfileParams,
  query: CallLogQuerySchema,
  response: z.object({ calls: z.array(CallLogEntryView), next: z.string().optional() }),
});
