import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";

export default defineApiHandler(contacts.updateContact, async ({ wa, params, body, workspaceId }) =>
  wa.contacts.update(workspaceId, params.contactId, body),
);
