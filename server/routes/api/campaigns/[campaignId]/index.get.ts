import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.getCampaign, async ({ wa, params, workspaceId }) =>
  wa.campaigns.get(workspaceId, params.campaignId),
);
