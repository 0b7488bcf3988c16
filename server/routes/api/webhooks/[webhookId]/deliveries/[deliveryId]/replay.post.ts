import { defineApiHandler } from "#lib/handler.js";
import { webhooks } from "#lib/ops/index.js";

export default defineApiHandler(webhooks.replayDelivery, async ({ wa, params }) => {
  return wa.webhooks.replay(params.webhookId, params.deliveryId);
});
