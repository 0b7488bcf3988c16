import { z } from "zod";
import {
  CreateProfileSchema,
  ProfileLimitsSchema,
  SwitchEngineSchema,
  UpdateProfileSchema,
  resourceId,
} from "@multiwa/core";
import { defineOperation } from "../operation.js";
import {
  CapabilityMatrixView,
  EngineSettingsView,
  ListQuery,
  PairingCodeBody,
  ProfileParams,
  ProfileView,
  QrQuery,
  SessionStateView,
} from "../schemas.js";

const tag = "Profiles";

export const listEngines = defineOperation({
  id: "listEngines",
  method: "get",
  path: "/api/engines",
  tag,
  summary: "Engines and what each supports",
  permission: "profiles.read",
  response: CapabilityMatrixView,
});
export const engineSettings = defineOperation({
  id: "engineSettings",
  method: "get",
  path: "/api/engines/settings",
  tag,
  summary: "The settings each engine takes when a profile is created (a JSON Schema; secret fields marked)",
  description:
    "Engines that log in by QR take none (`null`). The dashboard renders its create form from this; fields with " +
    "`secret: true` are write-only (never listed back).",
  permission: "profiles.read",
  response: EngineSettingsView,
});
export const listProfiles = defineOperation({
  id: "listProfiles",
  method: "get",
  path: "/api/profiles",
  tag,
  summary: "List profiles (WhatsApp accounts)",
  permission: "profiles.read",
  query: ListQuery,
  response: z.array(ProfileView),
});
export const createProfile = defineOperation({
  actsIn: "workspace",
  id: "createProfile",
  method: "post",
  path: "/api/profiles",
  tag,
  summary: "Create a profile with an engine",
  permission: "profiles.manage",
  body: CreateProfileSchema.extend({ workspaceId: resourceId("workspace").optional() }),
  response: ProfileView,
  status: 201,
});
export const getProfile = defineOperation({
  id: "getProfile",
  method: "get",
  path: "/api/profiles/{id}",
  tag,
  summary: "A profile with its live session state",
  permission: "profiles.read",
  params: ProfileParams,
  response: ProfileView,
});
export const getProfileLimits = defineOperation({
  id: "getProfileLimits",
  method: "get",
  path: "/api/profiles/{id}/limits",
  tag,
  summary: "WhatsApp's limits on the profile: reach-out timelock, new-chat capping",
  description:
    "As WhatsApp reported them (issue #21): its notifications, its answers to the engine's queries, and messages it refused with error 463. `untilInferred` marks an end MultiWA assumed (`limitWindowMs`) because WhatsApp gave none; `source: refusal` a limit only a refused send showed. Changes arrive as `profile.limit` events.",
  permission: "profiles.read",
  params: ProfileParams,
  response: ProfileLimitsSchema,
});
export const updateProfile = defineOperation({
  id: "updateProfile",
  method: "patch",
  path: "/api/profiles/{id}",
  tag,
  summary: "Rename, change pacing or metadata",
  permission: "profiles.manage",
  params: ProfileParams,
  body: UpdateProfileSchema,
  response: ProfileView,
});
export const switchEngine = defineOperation({
  id: "switchEngine",
  method: "post",
  path: "/api/profiles/{id}/engine",
  tag,
  summary: "Move a profile to another engine",
  description:
    "Checks the new engine's settings, then logs the session out (a linked device is unlinked), replaces the " +
    "settings and leaves the profile stopped. Contacts, templates, campaigns, rules, flows and webhooks stay.",
  permission: "profiles.manage",
  params: ProfileParams,
  body: SwitchEngineSchema,
  response: ProfileView,
});
export const deleteProfile = defineOperation({
  id: "deleteProfile",
  method: "delete",
  path: "/api/profiles/{id}",
  tag,
  summary: "Stop and delete a profile with its credentials and queue",
  permission: "profiles.manage",
  params: ProfileParams,
  status: 204,
});
const session = (action: "start" | "stop" | "restart" | "logout", summary: string) =>
  defineOperation({
    id: `${action}Session`,
    method: "post",
    path: `/api/profiles/{id}/${action}`,
    tag,
    summary,
    permission: "profiles.manage",
    params: ProfileParams,
    response: SessionStateView,
  });
export const startSession = session("start", "Connect the session (shows a QR on first login)");
export const stopSession = session("stop", "Disconnect, keeping credentials and queued messages");
export const restartSession = session("restart", "Stop and start again");
export const logoutSession = session("logout", "Log out: credentials are erased, the next start needs a new login");
export const getQr = defineOperation({
  id: "getQr",
  method: "get",
  path: "/api/profiles/{id}/qr",
  tag,
  summary: "Current login QR as JSON (text + data URL) or PNG",
  permission: "profiles.manage",
  params: ProfileParams,
  query: QrQuery,
  response: z.object({ qr: z.string(), dataUrl: z.string() }),
  produces: "image/png",
});
export const streamQr = defineOperation({
  id: "streamQr",
  method: "get",
  path: "/api/profiles/{id}/qr/stream",
  tag,
  summary: "Login QR codes as server-sent events until logged in",
  permission: "profiles.manage",
  params: ProfileParams,
  produces: "text/event-stream",
});
export const pairingCode = defineOperation({
  id: "pairingCode",
  method: "post",
  path: "/api/profiles/{id}/pairing-code",
  tag,
  summary: "Log in with a code typed on the phone instead of a QR",
  permission: "profiles.manage",
  params: ProfileParams,
  body: PairingCodeBody,
  response: z.object({ code: z.string() }),
});
export const streamEvents = defineOperation({
  id: "streamEvents",
  method: "get",
  path: "/api/profiles/{id}/events",
  tag,
  summary: "The profile's events as server-sent events",
  permission: "messages.read",
  params: ProfileParams,
  produces: "text/event-stream",
});
