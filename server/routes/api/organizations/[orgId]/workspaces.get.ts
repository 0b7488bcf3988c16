import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.listWorkspaces, async ({ wa, principal, params }) => {
  const all = await wa.tenancy.organizations.workspaces(params.orgId);
  return principal.workspaceId ? all.filter((w) => w.id === principal.workspaceId) : all;
});
