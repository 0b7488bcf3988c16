import { z } from "zod";
import { CAMPAIGN_STATUSES, CreateCampaignSchema, LIMIT_KINDS, UpdateCampaignSchema, resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { WorkspaceQuery } from "../workspace.js";

const tag = "Campaigns";
const CampaignParams = z.object({ campaignId: resourceId("campaign") });
const Progress = z
  .object({
    total: z.number(),
    pending: z.number(),
    queued: z.number(),
    sent: z.number(),
    delivered: z.number(),
    read: z.number(),
    failed: z.number(),
    skipped: z.number(),
    notOnWhatsApp: z.number(),
    limited: z
      .array(
        z.object({
          profileId: z.string(),
          kind: z.enum(LIMIT_KINDS),
          until: z.number(),
          untilInferred: z.boolean().optional(),
          detail: z.string().optional(),
        }),
      )
      .optional()
      .describe(
        "Profiles of the campaign paused by a WhatsApp limit (issue #21) until `until`; their recipients wait (pending), the other profiles go on.",
      ),
  })
  .meta({ id: "CampaignProgress" });
const CampaignView = z
  .object({
    id: z.string(),
    workspaceId: z.string(),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    run: z.number(),
    nextRunAt: z.number().optional(),
    profileIds: z.array(z.string()),
    message: CreateCampaignSchema.shape.message,
    // The uploaded CSV itself is stored apart; `csvRows` says how many recipients it named.
    audience: z.object({
      tags: z.array(z.string()).optional(),
      contactIds: z.array(z.string()).optional(),
      csvRows: z.number().int().optional(),
    }),
    schedule: CreateCampaignSchema.shape.schedule,
    pacing: CreateCampaignSchema.shape.pacing,
    skipNotOnWhatsApp: z.boolean(),
    progress: Progress,
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    pausedFrom: z.enum(CAMPAIGN_STATUSES).optional().describe("what `resume` returns a paused campaign to"),
    createdAt: z.number(),
    updatedAt: z.number(),
    startedAt: z.number().optional(),
    finishedAt: z.number().optional(),
  })
  .loose()
  .meta({ id: "Campaign" });

export const listCampaigns = defineOperation({
  actsIn: "workspace",
  id: "listCampaigns",
  method: "get",
  path: "/api/campaigns",
  tag,
  summary: "Campaigns with their progress",
  permission: "broadcast.manage",
  query: WorkspaceQuery.extend({
    status: z.enum(CAMPAIGN_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional().describe("at most this many, oldest first"),
    after: resourceId("campaign").optional().describe("keyset cursor: the last campaign id of the previous page"),
  }),
  response: z.array(CampaignView),
});
export const createCampaign = defineOperation({
  actsIn: "workspace",
  id: "createCampaign",
  method: "post",
  path: "/api/campaigns",
  tag,
  permission: "broadcast.manage",
  status: 201,
  query: WorkspaceQuery,
  body: CreateCampaignSchema,
  bodyTypes: ["multipart/form-data"],
  response: CampaignView,
  summary:
    "Create a broadcast: recipients by tags, contacts or CSV (`audience.csv`, or a multipart `file`); text or template; now, at a time or cron",
  description:
    "Each message goes through the profile's durable outbox with the idempotency key `campaign:<id>:<run>:<contact>`, so a campaign resumed after a crash never sends anyone twice. Opted-out contacts are skipped. `pacing.perMinute` applies per profile; the profile's own pacing is a ceiling.",
});
export const getCampaign = defineOperation({
  actsIn: "workspace",
  id: "getCampaign",
  method: "get",
  path: "/api/campaigns/{campaignId}",
  tag,
  summary: "One campaign with live progress",
  permission: "broadcast.manage",
  params: CampaignParams,
  query: WorkspaceQuery,
  response: CampaignView,
});
export const updateCampaign = defineOperation({
  actsIn: "workspace",
  id: "updateCampaign",
  method: "patch",
  path: "/api/campaigns/{campaignId}",
  tag,
  summary: "Rename or re-pace (applies at once)",
  permission: "broadcast.manage",
  params: CampaignParams,
  query: WorkspaceQuery,
  body: UpdateCampaignSchema,
  response: CampaignView,
});
export const deleteCampaign = defineOperation({
  actsIn: "workspace",
  id: "deleteCampaign",
  method: "delete",
  path: "/api/campaigns/{campaignId}",
  tag,
  summary: "Stop and delete a campaign",
  permission: "broadcast.manage",
  params: CampaignParams,
  query: WorkspaceQuery,
  status: 204,
});
const action = (name: "start" | "pause" | "resume" | "cancel", summary: string) =>
  defineOperation({
    actsIn: "workspace",
    id: `${name}Campaign`,
    method: "post",
    path: `/api/campaigns/{campaignId}/${name}`,
    tag,
    summary,
    permission: "broadcast.manage",
    params: CampaignParams,
    query: WorkspaceQuery,
    response: CampaignView,
  });
export const startCampaign = action("start", "Start a draft");
export const pauseCampaign = action("pause", "Pause sending (messages already queued still go out)");
export const resumeCampaign = action("resume", "Continue a paused campaign where it stopped");
export const cancelCampaign = action("cancel", "Stop for good");
export const campaignProgress = defineOperation({
  actsIn: "workspace",
  id: "campaignProgress",
  method: "get",
  path: "/api/campaigns/{campaignId}/progress",
  tag,
  summary: "Queued/sent/delivered/read/failed/skipped counts of the current run",
  permission: "broadcast.manage",
  params: CampaignParams,
  query: WorkspaceQuery,
  response: Progress,
});
export const campaignEvents = defineOperation({
  actsIn: "workspace",
  id: "campaignEvents",
  method: "get",
  path: "/api/campaigns/{campaignId}/events",
  tag,
  summary: "`campaign.progress` and `campaign.status` as server-sent events",
  permission: "broadcast.manage",
  params: CampaignParams,
  query: WorkspaceQuery,
  produces: "text/event-stream",
});
