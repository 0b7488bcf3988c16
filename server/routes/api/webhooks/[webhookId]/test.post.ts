import { defineApiHandler } from "../../../../lib/handler.js";
import { webhooks } from "../../../../lib/ops/index.js";
import { authorizeWebhook } from "../../../../lib/webhook-access.js";

export default defineApiHandler(webhooks.testWebhook, async ({ wa, key, params }) => {
  await authorizeWebhook(wa, key, params.webhookId);
  return wa.webhooks.test(params.webhookId);
});
