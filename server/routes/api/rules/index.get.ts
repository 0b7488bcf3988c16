import { defineApiHandler } from "#lib/handler.js";
import { rules } from "#lib/ops/index.js";

export default defineApiHandler(rules.listRules, async ({ wa, workspaceId, query: { limit, after } }) => {
  const { items, nextCursor } = await wa.automation.rules.page(workspaceId, { limit, after });
  return { rules: items, ...(nextCursor ? { nextCursor } : {}) };
});
