import { defineApiHandler } from "../../../lib/handler.js";
import { keys } from "../../../lib/ops/index.js";

export default defineApiHandler(keys.listKeys, ({ wa, principal }) =>
  wa.apiKeys.list({ ...(principal.organizationId ? { organizationId: principal.organizationId } : {}), ...(principal.workspaceId ? { workspaceId: principal.workspaceId } : {}) }),
);
