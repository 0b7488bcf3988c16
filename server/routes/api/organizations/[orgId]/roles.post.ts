import { authorizeOrganization } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { tenancy } from "../../../../lib/ops/index.js";

export default defineApiHandler(tenancy.createRole, async ({ wa, principal, params, body }) => {
  await authorizeOrganization(wa, principal, params.orgId);
  return wa.tenancy.members.createRole(params.orgId, body);
});
