import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.listOrganizations, async ({ wa, principal }) =>
  principal.organizationId
    ? [await wa.tenancy.organizations.organization(principal.organizationId)]
    : wa.tenancy.organizations.organizations(),
);
