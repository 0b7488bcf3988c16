import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.updateCampaign, async ({ wa, params, body, workspaceId }) =>
  wa.campaigns.update(workspaceId, params.campaignId, body),
);
