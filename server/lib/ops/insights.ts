import { z } from "zod";
import { resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const Stats = z
  .object({
    day: z.string(),
    sent: z.number(),
    received: z.number(),
    delivered: z.number(),
    read: z.number(),
    failed: z.number(),
    activeContacts: z.number(),
    responses: z.number(),
    responseMsTotal: z.number(),
    responseMsMax: z.number(),
  })
  .meta({ id: "DailyStats" });

export const auditLog = defineOperation({
  id: "auditLog",
  method: "get",
  path: "/api/audit",
  tag: "Audit",
  summary: "State-changing calls, newest first; `format=csv` exports",
  permission: "audit.read",
  query: z.object({
    from: z.coerce.number().int().optional(),
    to: z.coerce.number().int().optional(),
    actorId: z.string().optional(),
    action: z.string().optional(),
    workspaceId: resourceId("workspace").optional(),
    before: z.string().max(64).optional().describe("keyset cursor: the last `id` of the previous page"),
    limit: z.coerce.number().int().min(1).max(5000).optional(),
    format: z.enum(["json", "csv"]).default("json"),
  }),
  response: z.array(
    z
      .object({
        id: z.string(),
        at: z.number(),
        actor: z.object({ kind: z.string(), id: z.string(), name: z.string().optional() }),
        action: z.string(),
        target: z.string().optional(),
        status: z.number(),
      })
      .loose()
      .meta({
        id: "AuditEntry",
        description: "One state-changing call: who, what, on which target, with what status.",
      }),
  ),
  produces: "text/csv",
});
export const analytics = defineOperation({
  id: "analytics",
  method: "get",
  path: "/api/analytics",
  tag: "Analytics",
  summary: "Messages sent/received/delivered/read/failed, active contacts and response times per profile and day",
  permission: "analytics.read",
  query: z.object({
    profileId: resourceId("profile").optional(),
    workspaceId: resourceId("workspace").optional(),
    from: Day.optional(),
    to: Day.optional(),
  }),
  response: z
    .object({ days: z.array(Stats.extend({ profileId: z.string() })), totals: Stats })
    .meta({ id: "AnalyticsReport", description: "Per profile and day, and the sums." }),
});
