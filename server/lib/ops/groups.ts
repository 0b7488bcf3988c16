import { z } from "zod";
import { defineOperation } from "../operation.js";
import { GroupCreateBody, GroupInfoView, GroupParams, ParticipantsBody, ProfileParams } from "../schemas.js";

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
