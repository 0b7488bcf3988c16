import { defineApiHandler } from "#lib/handler.js";
import { rules } from "#lib/ops/index.js";

export default defineApiHandler(rules.listRules, async ({ wa, workspaceId }) => ({
  rules: await wa.automation.rules.list(workspaceId),
}));
