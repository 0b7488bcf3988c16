import { setResponseHeader } from "h3";
import { defineApiHandler } from "#lib/handler.js";
import { contacts } from "#lib/ops/index.js";

export default defineApiHandler(
  contacts.exportContacts,
  async ({ event, wa, query: { workspaceId: _named, ...filter }, workspaceId }) => {
    const csv = await wa.contacts.exportCsv(workspaceId, filter);
    setResponseHeader(event, "content-type", "text/csv; charset=utf-8");
    setResponseHeader(event, "content-disposition", "attachment; filename=contacts.csv");
    return csv;
  },
);
