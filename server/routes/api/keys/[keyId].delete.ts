import { apiError } from "../../../lib/errors.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { keys } from "../../../lib/ops/index.js";

export default defineApiHandler(keys.revokeKey, async ({ wa, principal, params }) => {
  const scope = { ...(principal.organizationId ? { organizationId: principal.organizationId } : {}), ...(principal.workspaceId ? { workspaceId: principal.workspaceId } : {}) };
  const target = (await wa.apiKeys.list(scope)).find((k) => k.id === params.keyId);
  if (!target) throw apiError(404, { code: "NOT_FOUND", message: `No API key with id "${params.keyId}"`, field: "keyId" });
  return wa.apiKeys.revoke(params.keyId);
});
