import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.listFlowVersions, async ({ wa, params, workspaceId }) => ({
  versions: await wa.automation.flows.versions(workspaceId, params.flowId),
}));
