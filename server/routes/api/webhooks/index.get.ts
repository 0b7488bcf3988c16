import { visibleWorkspaceIds } from "#lib/auth.js";
import { defineApiHandler } from "#lib/handler.js";
import { webhooks } from "#lib/ops/index.js";

export default defineApiHandler(webhooks.listWebhooks, async ({ wa, principal }) => {
  const visible = await visibleWorkspaceIds(wa, principal);
  return (await wa.webhooks.list()).filter((w) => !visible || visible.includes(w.workspaceId));
});
