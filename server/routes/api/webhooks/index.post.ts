import { authorizeProfile } from "../../../lib/auth.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { webhooks } from "../../../lib/ops/index.js";

export default defineApiHandler(webhooks.createWebhook, async ({ wa, key, body }) => {
  const workspaceId = key.workspaceId ?? body.workspaceId;
  if (body.profileId) await authorizeProfile(wa, key, body.profileId);
  return wa.webhooks.create({ ...body, workspaceId });
});
