import { defineApiHandler } from "#lib/handler.js";
import { webhooks } from "#lib/ops/index.js";

export default defineApiHandler(webhooks.getWebhook, ({ wa, params }) => wa.webhooks.get(params.webhookId));
