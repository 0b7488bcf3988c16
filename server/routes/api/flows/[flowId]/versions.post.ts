import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.saveFlowVersion, async ({ wa, params, workspaceId }) =>
  wa.automation.flows.saveVersion(workspaceId, params.flowId),
);
