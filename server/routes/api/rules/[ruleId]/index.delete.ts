import { defineApiHandler } from "#lib/handler.js";
import { rules } from "#lib/ops/index.js";

export default defineApiHandler(rules.deleteRule, async ({ wa, params, workspaceId }) =>
  wa.automation.rules.remove(workspaceId, params.ruleId),
);
