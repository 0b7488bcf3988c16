import { defineApiHandler } from "../../../../lib/handler.js";
import { validateFlow } from "@multiwa/core";
import { flows } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(flows.validateFlow, async ({ wa, principal, params, query }) => {
  const errors = validateFlow(await wa.automation.flows.get(await workspaceFor(wa, principal, query.workspaceId), params.flowId));
  return { valid: errors.length === 0, errors };
});
