import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.resumeCampaign, async ({ wa, params, workspaceId }) =>
  wa.campaigns.resume(workspaceId, params.campaignId),
);
