import { defineApiHandler } from "../../../lib/handler.js";
import { automation } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(automation.getAutomationSettings, async ({ wa, principal, query }) => wa.automation.settings.view(await workspaceFor(wa, principal, query.workspaceId)));
