import { defineApiHandler } from "../../../../lib/handler.js";
import { flows } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(flows.listFlowVersions, async ({ wa, principal, params, query }) => ({ versions: await wa.automation.flows.versions(await workspaceFor(wa, principal, query.workspaceId), params.flowId) }));
