import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.cancelCampaign, async ({ wa, params, workspaceId }) =>
  wa.campaigns.cancel(workspaceId, params.campaignId),
);
