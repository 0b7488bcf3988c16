import { defineApiHandler } from "#lib/handler.js";
import { templates } from "#lib/ops/index.js";

export default defineApiHandler(templates.deleteTemplate, async ({ wa, params, workspaceId }) =>
  wa.templates.remove(workspaceId, params.templateId),
);
