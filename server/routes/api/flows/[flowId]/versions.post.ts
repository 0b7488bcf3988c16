import { defineApiHandler } from "../../../../lib/handler.js";
import { flows } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(flows.saveFlowVersion, async ({ wa, principal, params, query }) => wa.automation.flows.saveVersion(await workspaceFor(wa, principal, query.workspaceId), params.flowId));
