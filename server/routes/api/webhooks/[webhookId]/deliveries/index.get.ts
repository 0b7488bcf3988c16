import { defineApiHandler } from "#lib/handler.js";
import { webhooks } from "#lib/ops/index.js";

export default defineApiHandler(webhooks.webhookDeliveries, async ({ wa, params }) => {
  return wa.webhooks.deliveries(params.webhookId);
});
