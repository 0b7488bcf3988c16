import { defineApiHandler } from "../../../../lib/handler.js";
import { campaigns } from "../../../../lib/ops/index.js";
import { workspaceFor } from "../../../../lib/workspace.js";

export default defineApiHandler(campaigns.campaignProgress, async ({ wa, principal, params, query }) => wa.campaigns.progress(await workspaceFor(wa, principal, query.workspaceId), params.campaignId));
