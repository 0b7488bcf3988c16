import { setResponseHeader } from "h3";
import { auditToCsv } from "@multiwa/core";
import { defineApiHandler } from "../../lib/handler.js";
import { insights } from "../../lib/ops/index.js";

export default defineApiHandler(insights.auditLog, async ({ event, wa, principal, query }) => {
  const { format, ...filter } = query;
  const entries = await wa.audit.query({
    ...filter,
    ...(principal.organizationId ? { organizationId: principal.organizationId } : {}),
    ...(principal.workspaceId ? { workspaceId: principal.workspaceId } : {}),
  });
  if (format !== "csv") return entries;
  setResponseHeader(event, "content-type", "text/csv; charset=utf-8");
  setResponseHeader(event, "content-disposition", "attachment; filename=audit.csv");
  return auditToCsv(entries);
});
