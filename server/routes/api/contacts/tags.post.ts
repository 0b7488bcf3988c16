import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";

export default defineApiHandler(contacts.bulkTagContacts, async ({ wa, body, workspaceId }) => ({
  changed: await wa.contacts.bulkTag(workspaceId, body),
}));
