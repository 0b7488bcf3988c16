import { defineApiHandler } from "#lib/handler.js";
import { apiError } from "#lib/errors.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.deleteWorkspace, async ({ wa, params }) => {
  // The resolver checked the caller's rights over the workspace; the path must also name its organization.
  const ws = await wa.tenancy.organizations.workspace(params.workspaceId);
  if (ws.organizationId !== params.orgId)
    throw apiError(404, {
      code: "NOT_FOUND",
      message: `Workspace "${params.workspaceId}" does not exist`,
      field: "workspaceId",
    });
  await wa.deleteWorkspace(ws.id);
});
