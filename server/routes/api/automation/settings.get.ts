import { defineApiHandler } from "#lib/handler.js";
import { automation } from "#lib/ops/index.js";

export default defineApiHandler(automation.getAutomationSettings, async ({ wa, workspaceId }) =>
  wa.automation.settings.view(workspaceId),
);
