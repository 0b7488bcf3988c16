import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";

export default defineApiHandler(contacts.deleteContact, async ({ wa, params, workspaceId }) =>
  wa.contacts.remove(workspaceId, params.contactId),
);
