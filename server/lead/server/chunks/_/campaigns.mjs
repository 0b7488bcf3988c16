import { z } from 'zod';
import { d as defineOperation } from './operation.mjs';
import { W as WorkspaceQuery, T as CAMPAIGN_STATUSES, G as resourceId, V as CreateCampaignSchema, X as UpdateCampaignSchema } from '../nitro/nitro.mjs';

const tag = "Campaigns";
const CampaignParams = z.object({ campaignId: resourceId("campaign") });
const Progress = z.object({ total: z.number(), pending: z.number(), queued: z.number(), sent: z.number(), delivered: z.number(), read: z.number(), failed: z.number(), skipped: z.number() });
const CampaignView = z.object({ id: z.string(), workspaceId: z.string(), name: z.string(), status: z.enum(CAMPAIGN_STATUSES), run: z.number(), nextRunAt: z.number().optional(), profileIds: z.array(z.string()), progress: Progress, createdAt: z.number(), updatedAt: z.number() }).loose();
const listCampaigns = defineOperation({ actsIn: "workspace", id: "listCampaigns", method: "get", path: "/api/campaigns", tag, summary: "Campaigns with their progress", permission: "broadcast.manage", query: WorkspaceQuery.extend({ status: z.enum(CAMPAIGN_STATUSES).optional() }), response: z.array(CampaignView) });
const createCampaign = defineOperation({
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
  summary: "Create a broadcast: recipients by tags, contacts or CSV (`audience.csv`, or a multipart `file`); text or template; now, at a time or cron",
  description: "Each message goes through the profile's durable outbox with the idempotency key `campaign:<id>:<run>:<contact>`, so a campaign resumed after a crash never sends anyone twice. Opted-out contacts are skipped. `pacing.perMinute` applies per profile; the profile's own pacing is a ceiling."
});
const getCampaign = defineOperation({ actsIn: "workspace", id: "getCampaign", method: "get", path: "/api/campaigns/{campaignId}", tag, summary: "One campaign with live progress", permission: "broadcast.manage", params: CampaignParams, query: WorkspaceQuery, response: CampaignView });
const updateCampaign = defineOperation({ actsIn: "workspace", id: "updateCampaign", method: "patch", path: "/api/campaigns/{campaignId}", tag, summary: "Rename or re-pace (applies at once)", permission: "broadcast.manage", params: CampaignParams, query: WorkspaceQuery, body: UpdateCampaignSchema, response: CampaignView });
const deleteCampaign = defineOperation({ actsIn: "workspace", id: "deleteCampaign", method: "delete", path: "/api/campaigns/{campaignId}", tag, summary: "Stop and delete a campaign", permission: "broadcast.manage", params: CampaignParams, query: WorkspaceQuery, status: 204 });
const action = (name, summary) => defineOperation({ actsIn: "workspace", id: `${name}Campaign`, method: "post", path: `/api/campaigns/{campaignId}/${name}`, tag, summary, permission: "broadcast.manage", params: CampaignParams, query: WorkspaceQuery, response: CampaignView });
const startCampaign = action("start", "Start a draft");
const pauseCampaign = action("pause", "Pause sending (messages already queued still go out)");
const resumeCampaign = action("resume", "Continue a paused campaign where it stopped");
const cancelCampaign = action("cancel", "Stop for good");
const campaignProgress = defineOperation({ actsIn: "workspace", id: "campaignProgress", method: "get", path: "/api/campaigns/{campaignId}/progress", tag, summary: "Queued/sent/delivered/read/failed/skipped counts of the current run", permission: "broadcast.manage", params: CampaignParams, query: WorkspaceQuery, response: Progress });
const campaignEvents = defineOperation({ actsIn: "workspace", id: "campaignEvents", method: "get", path: "/api/campaigns/{campaignId}/events", tag, summary: "`campaign.progress` and `campaign.status` as server-sent events", permission: "broadcast.manage", params: CampaignParams, query: WorkspaceQuery, produces: "text/event-stream" });

const campaigns = /*#__PURE__*/Object.freeze({
  __proto__: null,
  campaignEvents: campaignEvents,
  campaignProgress: campaignProgress,
  cancelCampaign: cancelCampaign,
  createCampaign: createCampaign,
  deleteCampaign: deleteCampaign,
  getCampaign: getCampaign,
  listCampaigns: listCampaigns,
  pauseCampaign: pauseCampaign,
  resumeCampaign: resumeCampaign,
  startCampaign: startCampaign,
  updateCampaign: updateCampaign
});

export { campaignEvents as a, campaignProgress as b, cancelCampaign as c, deleteCampaign as d, createCampaign as e, campaigns as f, getCampaign as g, listCampaigns as l, pauseCampaign as p, resumeCampaign as r, startCampaign as s, updateCampaign as u };
//# sourceMappingURL=campaigns.mjs.map
