import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.createWorkspace, async ({ wa, params, body }) => {
  return wa.tenancy.organizations.createWorkspace(params.orgId, body);
});
