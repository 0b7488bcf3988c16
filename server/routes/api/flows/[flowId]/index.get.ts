import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.getFlow, async ({ wa, params, workspaceId }) =>
  wa.automation.flows.get(workspaceId, params.flowId),
);
