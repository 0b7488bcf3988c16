import { defineApiHandler } from "#lib/handler.js";
import { webhooks } from "#lib/ops/index.js";

export default defineApiHandler(webhooks.testWebhook, async ({ wa, params }) => {
  return wa.webhooks.test(params.webhookId);
});
