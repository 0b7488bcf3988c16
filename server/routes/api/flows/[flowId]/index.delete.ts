import { defineApiHandler } from "../../../../lib/handler.js";
import { flows } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(flows.deleteFlow, async ({ wa, principal, params, query }) => wa.automation.flows.remove(await workspaceFor(wa, principal, query.workspaceId), params.flowId));
