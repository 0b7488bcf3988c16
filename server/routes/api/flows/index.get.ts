import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.listFlows, async ({ wa, workspaceId, query: { limit, after } }) => {
  const { items, nextCursor } = await wa.automation.flows.page(workspaceId, { limit, after });
  return { flows: items, ...(nextCursor ? { nextCursor } : {}) };
});
