import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.listRoles, async ({ wa, params }) => {
  return wa.tenancy.members.roles(params.orgId);
});
