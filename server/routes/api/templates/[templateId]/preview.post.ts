import { defineApiHandler } from "#lib/handler.js";
import { templates } from "#lib/ops/index.js";

export default defineApiHandler(templates.previewTemplate, async ({ wa, params, body, workspaceId }) => {
  const template = await wa.templates.get(workspaceId, params.templateId);
  const data = body.contactId ? await wa.contacts.get(workspaceId, body.contactId) : (body.sample ?? {});
  return wa.templates.render(template, data);
});
