import { defineApiHandler } from "../../../../lib/handler.js";
import { flows } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(flows.testRunFlow, async ({ wa, principal, params, query, body }) => wa.automation.testRun(await workspaceFor(wa, principal, query.workspaceId), params.flowId, body.replies, body.variables));
