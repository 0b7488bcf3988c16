import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";

export default defineApiHandler(contacts.upsertContact, async ({ wa, body, workspaceId }) =>
  wa.contacts.upsert(workspaceId, body),
);
