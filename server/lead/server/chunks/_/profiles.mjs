import { z } from 'zod';
import { d as defineOperation } from './operation.mjs';
import { P as ProfileParams, a as ProfileView, b as PairingCodeBody, Q as QrQuery, L as ListQuery, S as SessionStateView, C as CapabilityMatrixView } from './schemas.mjs';
import { a8 as UpdateProfileSchema, a9 as CreateProfileSchema, G as resourceId } from '../nitro/nitro.mjs';

const tag = "Profiles";
const listEngines = defineOperation({ id: "listEngines", method: "get", path: "/api/engines", tag, summary: "Engines and what each supports", permission: "profiles.read", response: CapabilityMatrixView });
const listProfiles = defineOperation({ id: "listProfiles", method: "get", path: "/api/profiles", tag, summary: "List profiles (WhatsApp accounts)", permission: "profiles.read", query: ListQuery, response: z.array(ProfileView) });
const createProfile = defineOperation({ actsIn: "workspace", id: "createProfile", method: "post", path: "/api/profiles", tag, summary: "Create a profile with an engine", permission: "profiles.manage", body: CreateProfileSchema.extend({ workspaceId: resourceId("workspace").optional() }), response: ProfileView, status: 201 });
const getProfile = defineOperation({ id: "getProfile", method: "get", path: "/api/profiles/{id}", tag, summary: "A profile with its live session state", permission: "profiles.read", params: ProfileParams, response: ProfileView });
const updateProfile = defineOperation({ id: "updateProfile", method: "patch", path: "/api/profiles/{id}", tag, summary: "Rename, change pacing or metadata", permission: "profiles.manage", params: ProfileParams, body: UpdateProfileSchema, response: ProfileView });
const deleteProfile = defineOperation({ id: "deleteProfile", method: "delete", path: "/api/profiles/{id}", tag, summary: "Stop and delete a profile with its credentials and queue", permission: "profiles.manage", params: ProfileParams, status: 204 });
const session = (action, summary) => defineOperation({ id: `${action}Session`, method: "post", path: `/api/profiles/{id}/${action}`, tag, summary, permission: "profiles.manage", params: ProfileParams, response: SessionStateView });
const startSession = session("start", "Connect the session (shows a QR on first login)");
const stopSession = session("stop", "Disconnect, keeping credentials and queued messages");
const restartSession = session("restart", "Stop and start again");
const logoutSession = session("logout", "Log out: credentials are erased, the next start needs a new login");
const getQr = defineOperation({ id: "getQr", method: "get", path: "/api/profiles/{id}/qr", tag, summary: "Current login QR as JSON (text + data URL) or PNG", permission: "profiles.manage", params: ProfileParams, query: QrQuery, response: z.object({ qr: z.string(), dataUrl: z.string() }), produces: "image/png" });
const streamQr = defineOperation({ id: "streamQr", method: "get", path: "/api/profiles/{id}/qr/stream", tag, summary: "Login QR codes as server-sent events until logged in", permission: "profiles.manage", params: ProfileParams, produces: "text/event-stream" });
const pairingCode = defineOperation({ id: "pairingCode", method: "post", path: "/api/profiles/{id}/pairing-code", tag, summary: "Log in with a code typed on the phone instead of a QR", permission: "profiles.manage", params: ProfileParams, body: PairingCodeBody, response: z.object({ code: z.string() }) });
const streamEvents = defineOperation({ id: "streamEvents", method: "get", path: "/api/profiles/{id}/events", tag, summary: "The profile's events as server-sent events", permission: "messages.read", params: ProfileParams, produces: "text/event-stream" });

const profiles = /*#__PURE__*/Object.freeze({
  __proto__: null,
  createProfile: createProfile,
  deleteProfile: deleteProfile,
  getProfile: getProfile,
  getQr: getQr,
  listEngines: listEngines,
  listProfiles: listProfiles,
  logoutSession: logoutSession,
  pairingCode: pairingCode,
  restartSession: restartSession,
  startSession: startSession,
  stopSession: stopSession,
  streamEvents: streamEvents,
  streamQr: streamQr,
  updateProfile: updateProfile
});

export { logoutSession as a, getQr as b, streamQr as c, deleteProfile as d, startSession as e, stopSession as f, getProfile as g, listProfiles as h, createProfile as i, profiles as j, listEngines as l, pairingCode as p, restartSession as r, streamEvents as s, updateProfile as u };
//# sourceMappingURL=profiles.mjs.map
