import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(
  tenancy.createOrganization,
  ({ wa, body }) => wa.tenancy.organizations.createOrganization(body),
  {
    guard(principal) {
      if (principal.organizationId)
        throw apiError(403, { code: "FORBIDDEN", message: "Only gateway administrators create organizations" });
    },
  },
);
