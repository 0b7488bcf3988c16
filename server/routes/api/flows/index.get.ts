import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.listFlows, async ({ wa, workspaceId }) => ({
  flows: await wa.automation.flows.list(workspaceId),
}));
