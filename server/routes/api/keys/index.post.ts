import { MultiWAError } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { assertGrantable } from "#lib/authz/grants.js";
import { keys } from "#lib/ops/index.js";

export default defineApiHandler(keys.createKey, async ({ principal, wa, body, workspace }) => {
  // The pipeline authorized any workspace/organization named; a workspace-scoped caller mints only in its own.
  const scoped =
    workspace ??
    (principal.workspaceId ? await wa.access.workspaceIn(principal, "keys.manage", principal.workspaceId) : undefined);
  const organizationId = scoped?.organizationId ?? principal.organizationId ?? body.organizationId;
  if (scoped && body.organizationId && body.organizationId !== scoped.organizationId) {
    throw new MultiWAError(
      "VALIDATION_FAILED",
      `Workspace "${scoped.id}" is not in organization "${body.organizationId}"`,
      { details: { field: "organizationId" } },
    );
  }
  // A key holds at most what its creator holds, where the key will act (organization-wide needs organization-wide rights).
  assertGrantable(principal, body.permissions, scoped, "permissions");
  return wa.apiKeys.create({
    ...body,
    ...(organizationId ? { organizationId } : {}),
    ...(scoped ? { workspaceId: scoped.id } : {}),
  });
});
