import { defineApiHandler } from "#lib/handler.js";
import { rules } from "#lib/ops/index.js";

export default defineApiHandler(rules.getRule, async ({ wa, params, workspaceId }) =>
  wa.automation.rules.get(workspaceId, params.ruleId),
);
