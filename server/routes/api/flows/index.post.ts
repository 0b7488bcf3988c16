import { defineApiHandler } from "../../../lib/handler.js";
import { flows } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(flows.createFlow, async ({ wa, principal, query, body }) => wa.automation.flows.create(await workspaceFor(wa, principal, query.workspaceId), body));
