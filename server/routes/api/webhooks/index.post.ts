import { authorizeProfile, authorizeWorkspace } from "../../../lib/auth.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { webhooks } from "../../../lib/ops/index.js";

export default defineApiHandler(webhooks.createWebhook, async ({ wa, principal, body }) => {
  const profile = body.profileId ? await authorizeProfile(wa, principal, body.profileId) : undefined;
  const workspace = await authorizeWorkspace(wa, principal, profile?.workspaceId ?? principal.workspaceId ?? body.workspaceId);
  return wa.webhooks.create({ ...body, workspaceId: workspace.id });
});
