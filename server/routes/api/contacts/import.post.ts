import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";
import { fileAsText } from "#lib/workspace.js";

export default defineApiHandler(
  contacts.importContacts,
  async ({ wa, body: { csv, ...options }, workspaceId }) => wa.contacts.importCsv(workspaceId, csv, options),
  { multipart: fileAsText("csv") },
);
