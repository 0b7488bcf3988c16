import { authorizeOrganization } from "../../../../../lib/auth.js";
import { apiError } from "../../../../../lib/errors.js";
import { defineApiHandler } from "../../../../../lib/handler.js";
import { tenancy } from "../../../../../lib/ops/index.js";

export default defineApiHandler(tenancy.setMemberRoles, async ({ wa, principal, params, body }) => {
  await authorizeOrganization(wa, principal, params.orgId);
  const existing = await wa.tenancy.members.membership(params.orgId, params.userId);
  if (!existing) throw apiError(404, { code: "NOT_FOUND", message: `User "${params.userId}" is not a member`, field: "userId" });
  const membership = await wa.tenancy.members.add(params.orgId, params.userId, body.roles);
  return { user: await wa.tenancy.users.get(params.userId), roles: membership.roles, joinedAt: existing.joinedAt };
});
