import { defineApiHandler } from "../../../lib/handler.js";
import { automation } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(automation.putAutomationSettings, async ({ wa, principal, query, body }) => wa.automation.settings.put(await workspaceFor(wa, principal, query.workspaceId), body));
