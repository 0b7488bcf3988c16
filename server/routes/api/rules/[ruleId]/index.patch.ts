import { defineApiHandler } from "#lib/handler.js";
import { rules } from "#lib/ops/index.js";

export default defineApiHandler(rules.updateRule, async ({ wa, params, body, workspaceId }) =>
  wa.automation.rules.update(workspaceId, params.ruleId, body),
);
