import { defineApiHandler } from "#lib/handler.js";
import { assertGrantable } from "#lib/authz/grants.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.createRole, async ({ wa, principal, params, body }) => {
  // A role can be assigned organization-wide, so it holds only what its creator holds organization-wide.
  assertGrantable(principal, body.permissions, undefined, "permissions");
  return wa.tenancy.members.createRole(params.orgId, body);
});
