import { defineApiHandler } from "../../../lib/handler.js";
import { contacts } from "../../../lib/ops/index.js";
import { fileAsText, workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(
  contacts.importContacts,
  async ({ wa, principal, query, body: { csv, ...options } }) => wa.contacts.importCsv(await workspaceFor(wa, principal, query.workspaceId), csv, options),
  { multipart: fileAsText("csv") },
);
