import { authorizeOrganization } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { tenancy } from "../../../../lib/ops/index.js";

export default defineApiHandler(tenancy.listRoles, async ({ wa, principal, params }) => {
  await authorizeOrganization(wa, principal, params.orgId);
  return wa.tenancy.members.roles(params.orgId);
});
