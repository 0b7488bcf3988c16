import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";

export default defineApiHandler(
  contacts.listContacts,
  async ({ wa, query: { workspaceId: _named, ...filter }, workspaceId }) => wa.contacts.list(workspaceId, filter),
);
