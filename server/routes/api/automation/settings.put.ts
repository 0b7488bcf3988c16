import { defineApiHandler } from "#lib/handler.js";
import { automation } from "#lib/ops/index.js";

export default defineApiHandler(automation.putAutomationSettings, async ({ wa, body, workspaceId }) =>
  wa.automation.settings.put(workspaceId, body),
);
