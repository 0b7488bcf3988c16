import { apiError } from "../../../lib/errors.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { tenancy } from "../../../lib/ops/index.js";

export default defineApiHandler(tenancy.createOrganization, ({ wa, principal, body }) => {
  if (principal.organizationId) throw apiError(403, { code: "FORBIDDEN", message: "Only gateway administrators create organizations" });
  return wa.tenancy.organizations.createOrganization(body);
});
