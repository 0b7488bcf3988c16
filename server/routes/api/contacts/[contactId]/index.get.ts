import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";

export default defineApiHandler(contacts.getContact, async ({ wa, params, workspaceId }) =>
  wa.contacts.get(workspaceId, params.contactId),
);
