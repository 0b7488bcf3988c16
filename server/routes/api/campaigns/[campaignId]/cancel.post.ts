import { defineApiHandler } from "../../../../lib/handler.js";
import { campaigns } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(campaigns.cancelCampaign, async ({ wa, principal, params, query }) => wa.campaigns.cancel(await workspaceFor(wa, principal, query.workspaceId), params.campaignId));
