import { MultiWAError } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.sendTemplateMessage, async ({ wa, params, body }) => {
  // The template and contact are the profile's workspace's (the pipeline authorized both ids).
  const workspaceId = await wa.profiles.workspaceOf(params.id);
  if (!workspaceId)
    throw new MultiWAError("PROFILE_NOT_FOUND", `Profile "${params.id}" does not exist`, { details: { field: "id" } });
  const template = await wa.templates.get(workspaceId, body.templateId);
  const data = body.contactId ? await wa.contacts.get(workspaceId, body.contactId) : (body.sample ?? {});
  const record = await wa.messages.sendTemplate(params.id, template, body.to, data, body.options);
  await wa.templates.recordUse(workspaceId, template.id);
  return record;
});
