import { defineApiHandler } from "#lib/handler.js";
import { templates } from "#lib/ops/index.js";

export default defineApiHandler(templates.createTemplate, async ({ wa, body, workspaceId }) =>
  wa.templates.create(workspaceId, body),
);
