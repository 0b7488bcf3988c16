import { defineApiHandler } from "../../../../lib/handler.js";
import { webhooks } from "../../../../lib/ops/index.js";
import { authorizeWebhook } from "../../../../lib/webhook-access.js";

export default defineApiHandler(webhooks.updateWebhook, async ({ wa, key, params, body }) => {
  await authorizeWebhook(wa, key, params.webhookId);
  return wa.webhooks.update(params.webhookId, body);
});
