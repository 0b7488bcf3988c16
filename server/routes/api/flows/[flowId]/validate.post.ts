import { defineApiHandler } from "#lib/handler.js";
import { validateFlow } from "@multiwa/core";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.validateFlow, async ({ wa, params, workspaceId }) => {
  const errors = validateFlow(await wa.automation.flows.get(workspaceId, params.flowId));
  return { valid: errors.length === 0, errors };
});
