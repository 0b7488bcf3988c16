import { defineApiHandler } from "#lib/handler.js";
import { assertAssignable } from "#lib/authz/grants.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.setMemberRoles, async ({ wa, principal, params, body }) => {
  // The member (authorized by the pipeline) is changed only by someone holding both what it has and what it gets.
  const existing = (await wa.tenancy.members.membership(params.orgId, params.userId))!;
  await assertAssignable(wa, principal, params.orgId, existing.roles, "userId");
  await assertAssignable(wa, principal, params.orgId, body.roles);
  const membership = await wa.tenancy.members.add(params.orgId, params.userId, body.roles);
  return { user: await wa.tenancy.users.get(params.userId), roles: membership.roles, joinedAt: existing.joinedAt };
});
