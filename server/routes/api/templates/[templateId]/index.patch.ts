import { defineApiHandler } from "#lib/handler.js";
import { templates } from "#lib/ops/index.js";

export default defineApiHandler(templates.updateTemplate, async ({ wa, params, body, workspaceId }) =>
  wa.templates.update(workspaceId, params.templateId, body),
);
