import { defineApiHandler } from "#lib/handler.js";
import { rules } from "#lib/ops/index.js";

export default defineApiHandler(rules.createRule, async ({ wa, body, workspaceId }) =>
  wa.automation.rules.create(workspaceId, body),
);
