import { defineApiHandler } from "#lib/handler.js";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.createFlow, async ({ wa, body, workspaceId }) =>
  wa.automation.flows.create(workspaceId, body),
);
