import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.startCampaign, async ({ wa, params, workspaceId }) =>
  wa.campaigns.start(workspaceId, params.campaignId),
);
