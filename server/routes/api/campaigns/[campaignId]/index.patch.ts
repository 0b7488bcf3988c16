import { defineApiHandler } from "../../../../lib/handler.js";
import { campaigns } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(campaigns.updateCampaign, async ({ wa, principal, params, query, body }) => wa.campaigns.update(await workspaceFor(wa, principal, query.workspaceId), params.campaignId, body));
