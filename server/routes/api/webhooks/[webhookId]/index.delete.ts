import { defineApiHandler } from "../../../../lib/handler.js";
import { webhooks } from "../../../../lib/ops/index.js";
import { authorizeWebhook } from "../../../../lib/webhook-access.js";

export default defineApiHandler(webhooks.deleteWebhook, async ({ wa, key, params }) => {
  await authorizeWebhook(wa, key, params.webhookId);
  await wa.webhooks.remove(params.webhookId);
});
