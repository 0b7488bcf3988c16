import { defineApiHandler } from "../../../../lib/handler.js";
import { webhooks } from "../../../../lib/ops/index.js";
import { authorizeWebhook } from "../../../../lib/webhook-access.js";

export default defineApiHandler(webhooks.getWebhook, ({ wa, key, params }) => authorizeWebhook(wa, key, params.webhookId));
