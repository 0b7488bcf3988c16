import { can } from "@multiwa/core";
import { authorizeWorkspace } from "../../../lib/auth.js";
import { apiError } from "../../../lib/errors.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { keys } from "../../../lib/ops/index.js";

export default defineApiHandler(keys.createKey, async ({ wa, principal, body }) => {
  // A caller hands out at most what it holds, inside its own scope.
  const workspaceId = principal.workspaceId ?? body.workspaceId;
  const workspace = workspaceId ? await authorizeWorkspace(wa, principal, workspaceId) : undefined;
  const organizationId = workspace?.organizationId ?? principal.organizationId ?? body.organizationId;
  if (principal.organizationId && organizationId !== principal.organizationId) {
    throw apiError(403, { code: "FORBIDDEN", message: "You can only create keys in your own organization", field: "organizationId" });
  }
  const beyond = body.permissions.find((p) => !can(principal, p, workspace));
  if (beyond) throw apiError(403, { code: "FORBIDDEN", message: `You cannot grant \`${beyond}\``, field: "permissions" });
  return wa.apiKeys.create({ ...body, ...(organizationId ? { organizationId } : {}), ...(workspaceId ? { workspaceId } : {}) });
});
