import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

export default defineApiHandler(
  campaigns.listCampaigns,
  async ({ wa, query: { workspaceId: _named, ...filter }, workspaceId }) => wa.campaigns.list(workspaceId, filter),
);
