import { authorizeOrganization } from "../../../../../lib/auth.js";
import { apiError } from "../../../../../lib/errors.js";
import { defineApiHandler } from "../../../../../lib/handler.js";
import { tenancy } from "../../../../../lib/ops/index.js";

export default defineApiHandler(tenancy.removeMember, async ({ wa, principal, params }) => {
  await authorizeOrganization(wa, principal, params.orgId);
  if (!(await wa.tenancy.members.membership(params.orgId, params.userId))) throw apiError(404, { code: "NOT_FOUND", message: `User "${params.userId}" is not a member`, field: "userId" });
  await wa.tenancy.members.remove(params.orgId, params.userId);
});
