import { defineApiHandler } from "#lib/handler.js";
import { assertAssignable } from "#lib/authz/grants.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.removeMember, async ({ wa, principal, params }) => {
  // Nobody removes a member who holds more than they do.
  const existing = (await wa.tenancy.members.membership(params.orgId, params.userId))!;
  await assertAssignable(wa, principal, params.orgId, existing.roles, "userId");
  await wa.tenancy.members.remove(params.orgId, params.userId);
});
