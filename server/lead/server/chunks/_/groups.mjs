import { z } from 'zod';
import { d as defineOperation } from './operation.mjs';
import { G as GroupInfoView, h as GroupParams, i as ParticipantsBody, j as GroupCreateBody, P as ProfileParams } from './schemas.mjs';

const tag = "Groups";
const createGroup = defineOperation({ id: "createGroup", method: "post", path: "/api/profiles/{id}/groups", tag, summary: "Create a group", permission: "groups.manage", params: ProfileParams, body: GroupCreateBody, response: GroupInfoView, status: 201 });
const groupInfo = defineOperation({ id: "groupInfo", method: "get", path: "/api/profiles/{id}/groups/{groupId}", tag, summary: "Group subject and participants", permission: "groups.read", params: GroupParams, response: GroupInfoView });
const groupParticipants = defineOperation({
  id: "groupParticipants",
  method: "post",
  path: "/api/profiles/{id}/groups/{groupId}/participants",
  tag,
  summary: "Add, remove, promote or demote participants",
  permission: "groups.manage",
  params: GroupParams,
  body: ParticipantsBody,
  response: z.array(z.object({ jid: z.string(), status: z.string() }))
});
const groupInvite = defineOperation({ id: "groupInvite", method: "get", path: "/api/profiles/{id}/groups/{groupId}/invite", tag, summary: "Invite code and link", permission: "groups.manage", params: GroupParams, response: z.object({ code: z.string(), link: z.string() }) });
const leaveGroup = defineOperation({ id: "leaveGroup", method: "post", path: "/api/profiles/{id}/groups/{groupId}/leave", tag, summary: "Leave a group", permission: "groups.manage", params: GroupParams, status: 204 });

const groups = /*#__PURE__*/Object.freeze({
  __proto__: null,
  createGroup: createGroup,
  groupInfo: groupInfo,
  groupInvite: groupInvite,
  groupParticipants: groupParticipants,
  leaveGroup: leaveGroup
});

export { groupInvite as a, groupParticipants as b, createGroup as c, groups as d, groupInfo as g, leaveGroup as l };
//# sourceMappingURL=groups.mjs.map
