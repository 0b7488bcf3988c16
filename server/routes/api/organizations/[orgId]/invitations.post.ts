import { authorizeOrganization } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { tenancy } from "../../../../lib/ops/index.js";

export default defineApiHandler(tenancy.inviteMember, async ({ wa, principal, params, body }) => {
  await authorizeOrganization(wa, principal, params.orgId);
  const { token, invitation } = await wa.tenancy.members.invite(params.orgId, body, `${principal.kind}:${principal.id}`);
  return { token, expiresAt: invitation.expiresAt };
});
