import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.testRunFlow, async ({ wa, params, body, workspaceId }) =>
  wa.automation.testRun(workspaceId, params.flowId, body.replies, body.variables),
);
