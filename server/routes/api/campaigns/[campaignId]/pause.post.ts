import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.pauseCampaign, async ({ wa, params, workspaceId }) =>
  wa.campaigns.pause(workspaceId, params.campaignId),
);
