import { defineApiHandler } from "../../../../lib/handler.js";
import { campaigns } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(campaigns.getCampaign, async ({ wa, principal, params, query }) => wa.campaigns.get(await workspaceFor(wa, principal, query.workspaceId), params.campaignId));
