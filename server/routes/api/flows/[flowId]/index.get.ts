import { defineApiHandler } from "../../../../lib/handler.js";
import { flows } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(flows.getFlow, async ({ wa, principal, params, query }) => wa.automation.flows.get(await workspaceFor(wa, principal, query.workspaceId), params.flowId));
