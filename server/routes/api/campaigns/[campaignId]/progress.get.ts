import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(campaigns.campaignProgress, async ({ wa, params, workspaceId }) =>
  wa.campaigns.progress(workspaceId, params.campaignId),
);
