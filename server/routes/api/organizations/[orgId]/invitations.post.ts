import { defineApiHandler } from "#lib/handler.js";
import { assertAssignable } from "#lib/authz/grants.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.inviteMember, async ({ wa, principal, params, body }) => {
  await assertAssignable(wa, principal, params.orgId, body.roles);
  const { token, invitation } = await wa.tenancy.members.invite(
    params.orgId,
    body,
    `${principal.kind}:${principal.id}`,
  );
  return { token, expiresAt: invitation.expiresAt };
});
