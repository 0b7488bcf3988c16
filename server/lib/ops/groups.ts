import {
  GroupInviteSchema,
  GroupPatchSchema,
  GroupPictureSchema,
  GroupRequestsDecisionSchema,
  MentionAllSchema,
} from "@multiwa/core";
import { z } from "zod";
import { defineOperation } from "../operation.js";
import {
  GroupCreateBody,
  GroupInfoView,
  GroupParams,
  MessageRecordView,
  ParticipantsBody,
  ProfileParams,
} from "../schemas.js";

const tag = "Groups";

export const createGroup = defineOperation({
  id: "createGroup",
  method: "post",
  path: "/api/profiles/{id}/groups",
  tag,
  summary: "Create a group",
  permission: "groups.manage",
  params: ProfileParams,
  body: GroupCreateBody,
  response: GroupInfoView,
  status: 201,
});
export const groupInfo = defineOperation({
  id: "groupInfo",
  method: "get",
  path: "/api/profiles/{id}/groups/{groupId}",
  tag,
  summary: "Group subject and participants",
  permission: "groups.read",
  params: GroupParams,
  response: GroupInfoView,
});
export const groupParticipants = defineOperation({
  id: "groupParticipants",
  method: "post",
  path: "/api/profiles/{id}/groups/{groupId}/participants",
  tag,
  summary: "Add, remove, promote or demote participants",
  permission: "groups.manage",
  params: GroupParams,
  body: ParticipantsBody,
  response: z.array(z.object({ jid: z.string(), status: z.string() })),
});
export const groupInvite = defineOperation({
  id: "groupInvite",
  method: "get",
  path: "/api/profiles/{id}/groups/{groupId}/invite",
  tag,
  summary: "Invite code and link",
  permission: "groups.manage",
  params: GroupParams,
  response: z.object({ code: z.string(), link: z.string() }),
});
export const leaveGroup = defineOperation({
  id: "leaveGroup",
  method: "post",
  path: "/api/profiles/{id}/groups/{groupId}/leave",
  tag,
  summary: "Leave a group",
  permission: "groups.manage",
  params: GroupParams,
  status: 204,
});

// --- Group administration (#20) ---

const ParticipantResults = z.array(z.object({ jid: z.string(), status: z.string() }));

export const listGroups = defineOperation({
  id: "listGroups",
  method: "get",
  path: "/api/profiles/{id}/groups",
  tag,
  summary: "Every group the account is in, with settings",
  permission: "groups.read",
  params: ProfileParams,
  response: z.array(GroupInfoView),
});
export const updateGroup = defineOperation({
  id: "updateGroup",
  method: "patch",
  path: "/api/profiles/{id}/groups/{groupId}",
  tag,
  summary: "Change subject, description or settings",
  description:
    "Settings: `announcementOnly` (only admins send), `locked` (only admins edit info), `ephemeralSeconds` (0, 86400, 604800, 7776000), `memberAddMode` (`admins` or `all`), `approvalRequired` (joining by link needs an admin). Answers the group as it is afterwards.",
  permission: "groups.manage",
  params: GroupParams,
  body: GroupPatchSchema,
  response: GroupInfoView,
});
export const setGroupPicture = defineOperation({
  id: "setGroupPicture",
  method: "put",
  path: "/api/profiles/{id}/groups/{groupId}/picture",
  tag,
  summary: "Set the group's picture (a JPEG)",
  permission: "groups.manage",
  params: GroupParams,
  body: GroupPictureSchema,
  status: 204,
});
export const removeGroupPicture = defineOperation({
  id: "removeGroupPicture",
  method: "delete",
  path: "/api/profiles/{id}/groups/{groupId}/picture",
  tag,
  summary: "Remove the group's picture",
  permission: "groups.manage",
  params: GroupParams,
  status: 204,
});
export const groupInviteInfo = defineOperation({
  id: "groupInviteInfo",
  method: "post",
  path: "/api/profiles/{id}/groups/invite-info",
  tag,
  summary: "What an invite link or code leads to, without joining",
  description: "A read, sent as POST so the invite stays out of URLs and access logs.",
  permission: "groups.read",
  params: ProfileParams,
  body: GroupInviteSchema,
  response: GroupInfoView,
});
export const joinGroup = defineOperation({
  id: "joinGroup",
  method: "post",
  path: "/api/profiles/{id}/groups/join",
  tag,
  summary: "Join by invite link or code",
  description: "`pending` is true when the group wants an admin's approval: the request was made, not yet granted.",
  permission: "groups.manage",
  params: ProfileParams,
  body: GroupInviteSchema,
  response: z.object({ groupId: z.string(), pending: z.boolean() }),
});
export const revokeGroupInvite = defineOperation({
  id: "revokeGroupInvite",
  method: "post",
  path: "/api/profiles/{id}/groups/{groupId}/invite/revoke",
  tag,
  summary: "Void the invite link; answers the new one",
  permission: "groups.manage",
  params: GroupParams,
  response: z.object({ code: z.string(), link: z.string() }),
});
export const groupRequests = defineOperation({
  id: "groupRequests",
  method: "get",
  path: "/api/profiles/{id}/groups/{groupId}/requests",
  tag,
  summary: "People waiting for approval to join",
  permission: "groups.read",
  params: GroupParams,
  response: z.array(
    z
      .object({ jid: z.string(), requestedAt: z.number().optional(), method: z.string().optional() })
      .meta({ id: "GroupJoinRequest" }),
  ),
});
export const decideGroupRequests = defineOperation({
  id: "decideGroupRequests",
  method: "post",
  path: "/api/profiles/{id}/groups/{groupId}/requests",
  tag,
  summary: "Approve or reject join requests",
  permission: "groups.manage",
  params: GroupParams,
  body: GroupRequestsDecisionSchema,
  response: ParticipantResults,
});
export const mentionAll = defineOperation({
  id: "mentionAll",
  method: "post",
  path: "/api/profiles/{id}/groups/{groupId}/mention-all",
  tag,
  summary: "Send a text mentioning every member",
  description: "Queued like any message (202); every member is mentioned, so each is notified.",
  permission: "messages.send",
  params: GroupParams,
  body: MentionAllSchema,
  response: MessageRecordView,
  status: 202,
});
