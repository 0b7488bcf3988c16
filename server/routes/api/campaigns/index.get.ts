import { defineApiHandler } from "../../../lib/handler.js";
import { campaigns } from "../../../lib/ops/index.js";
import { workspaceFor } from "../../../lib/workspace.js";

export default defineApiHandler(campaigns.listCampaigns, async ({ wa, principal, query: { workspaceId, ...filter } }) => wa.campaigns.list(await workspaceFor(wa, principal, workspaceId), filter));
