import { hasPermission } from "@multiwa/core";
import { apiError } from "../../../lib/errors.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { keys } from "../../../lib/ops/index.js";

export default defineApiHandler(keys.createKey, async ({ wa, key, body }) => {
  // A key can only hand out what it holds, inside its own workspace.
  if (key.workspaceId && body.workspaceId !== key.workspaceId) {
    throw apiError(403, { code: "FORBIDDEN", message: "A workspace key can only create keys for its own workspace", field: "workspaceId" });
  }
  const beyond = body.permissions.find((p) => !hasPermission(key, p));
  if (beyond) throw apiError(403, { code: "FORBIDDEN", message: `This API key cannot grant \`${beyond}\``, field: "permissions" });
  return wa.apiKeys.create(body);
});
