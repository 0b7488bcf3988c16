import { setResponseHeader } from "h3";
import { defineApiHandler } from "../../../lib/handler.js";
import { contacts } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(contacts.exportContacts, async ({ event, wa, principal, query: { workspaceId, ...filter } }) => {
  const csv = await wa.contacts.exportCsv(await workspaceFor(wa, principal, workspaceId), filter);
  setResponseHeader(event, "content-type", "text/csv; charset=utf-8");
  setResponseHeader(event, "content-disposition", "attachment; filename=contacts.csv");
  return csv;
});
