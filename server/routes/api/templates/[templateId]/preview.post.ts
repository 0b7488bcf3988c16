import { defineApiHandler } from "../../../../lib/handler.js";
import { templates } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(templates.previewTemplate, async ({ wa, principal, params, query, body }) => {
  const workspaceId = await workspaceFor(wa, principal, query.workspaceId);
  const template = await wa.templates.get(workspaceId, params.templateId);
  const data = body.contactId ? await wa.contacts.get(workspaceId, body.contactId) : (body.sample ?? {});
  return wa.templates.render(template, data);
});
