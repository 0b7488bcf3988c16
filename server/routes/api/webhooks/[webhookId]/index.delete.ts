import { defineApiHandler } from "#lib/handler.js";
import { webhooks } from "#lib/ops/index.js";

export default defineApiHandler(webhooks.deleteWebhook, async ({ wa, params }) => {
  await wa.webhooks.remove(params.webhookId);
});
