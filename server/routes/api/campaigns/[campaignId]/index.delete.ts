import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.deleteCampaign, async ({ wa, params, workspaceId }) =>
  wa.campaigns.remove(workspaceId, params.campaignId),
);
