import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.deleteFlow, async ({ wa, params, workspaceId }) =>
  wa.automation.flows.remove(workspaceId, params.flowId),
);
