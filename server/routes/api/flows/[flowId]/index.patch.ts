import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.updateFlow, async ({ wa, params, body, workspaceId }) =>
  wa.automation.flows.update(workspaceId, params.flowId, body),
);
