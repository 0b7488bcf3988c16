import { setResponseHeader } from "h3";
import { auditToCsv, orgWide } from "@multiwa/core";
import { visibleWorkspaceIds } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { insights } from "#lib/ops/index.js";

export default defineApiHandler(insights.auditLog, async ({ event, wa, principal, query }) => {
  const { format, ...filter } = query;
  // Organization-wide readers see the whole organization; others only the workspaces they read audit in.
  const wide = !principal.organizationId ? !principal.workspaceId : orgWide(principal, "audit.read");
  const visible = wide ? undefined : await visibleWorkspaceIds(wa, principal);
  const entries = (
    await wa.audit.query({
      ...filter,
      ...(principal.organizationId ? { organizationId: principal.organizationId } : {}),
      ...(visible ? { limit: Math.min(5000, (filter.limit ?? 500) * 4) } : {}),
    })
  ).filter((e) => !visible || (e.workspaceId !== undefined && visible.includes(e.workspaceId)));
  const result = entries.slice(0, filter.limit ?? 500);
  if (format !== "csv") return result;
  setResponseHeader(event, "content-type", "text/csv; charset=utf-8");
  setResponseHeader(event, "content-disposition", "attachment; filename=audit.csv");
  return auditToCsv(result);
});
