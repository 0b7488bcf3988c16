import { defineApiHandler } from "../../../lib/handler.js";
import { flows } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(flows.listFlows, async ({ wa, principal, query }) => ({ flows: await wa.automation.flows.list(await workspaceFor(wa, principal, query.workspaceId)) }));
