import { defineApiHandler } from "../../../../lib/handler.js";
import { flows } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(flows.updateFlow, async ({ wa, principal, params, query, body }) => wa.automation.flows.update(await workspaceFor(wa, principal, query.workspaceId), params.flowId, body));
