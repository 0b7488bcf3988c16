import { defineApiHandler } from "#lib/handler.js";
import { templates } from "#lib/ops/index.js";

export default defineApiHandler(templates.getTemplate, async ({ wa, params, workspaceId }) =>
  wa.templates.get(workspaceId, params.templateId),
);
