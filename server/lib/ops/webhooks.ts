import { z } from "zod";
import { CreateWebhookSchema, UpdateWebhookSchema, resourceId } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { deliveryFields, deliveryLog, targetFields } from "./delivery-views.js";

const tag = "Webhooks";
const WebhookView = z
  .object(targetFields)
  .meta({ id: "Webhook", description: "A webhook subscription; its signing secret is shown only at creation." });
const DeliveryView = z
  .object({ ...deliveryFields, lastStatus: z.number().optional() })
  .meta({ id: "WebhookDelivery", description: "One event's delivery to a webhook, with its attempts." });
const DeliveryLog = deliveryLog(DeliveryView, {
  id: "WebhookDeliveryLog",
  description: "A webhook's deliveries by state.",
});
const WebhookParams = z.object({ webhookId: resourceId("webhook") });

export const listWebhooks = defineOperation({
  id: "listWebhooks",
  method: "get",
  path: "/api/webhooks",
  tag,
  summary: "Webhook subscriptions (secrets are never listed)",
  permission: "webhooks.manage",
  response: z.array(WebhookView),
});
export const createWebhook = defineOperation({
  actsIn: "workspace",
  id: "createWebhook",
  method: "post",
  path: "/api/webhooks",
  tag,
  permission: "webhooks.manage",
  status: 201,
  summary: "Subscribe a URL to events; the signing secret is returned once",
  description:
    'Each delivery is a POST with headers `x-multiwa-event`, `x-multiwa-delivery` (stable id: dedupe on it) and `x-multiwa-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.',
  body: CreateWebhookSchema.extend({ workspaceId: resourceId("workspace").optional() }),
  response: z.object({ webhook: WebhookView, secret: z.string() }),
});
export const getWebhook = defineOperation({
  id: "getWebhook",
  method: "get",
  path: "/api/webhooks/{webhookId}",
  tag,
  summary: "One subscription",
  permission: "webhooks.manage",
  params: WebhookParams,
  response: WebhookView,
});
export const updateWebhook = defineOperation({
  id: "updateWebhook",
  method: "patch",
  path: "/api/webhooks/{webhookId}",
  tag,
  summary: "Change URL, events or enable/disable",
  permission: "webhooks.manage",
  params: WebhookParams,
  body: UpdateWebhookSchema,
  response: WebhookView,
});
export const deleteWebhook = defineOperation({
  id: "deleteWebhook",
  method: "delete",
  path: "/api/webhooks/{webhookId}",
  tag,
  summary: "Remove a subscription",
  permission: "webhooks.manage",
  params: WebhookParams,
  status: 204,
});
export const webhookDeliveries = defineOperation({
  id: "webhookDeliveries",
  method: "get",
  path: "/api/webhooks/{webhookId}/deliveries",
  tag,
  summary: "Pending, recently delivered and dead-letter deliveries",
  permission: "webhooks.manage",
  params: WebhookParams,
  response: DeliveryLog,
});
export const replayDelivery = defineOperation({
  id: "replayDelivery",
  method: "post",
  path: "/api/webhooks/{webhookId}/deliveries/{deliveryId}/replay",
  tag,
  summary: "Send a dead or delivered delivery again (same id)",
  permission: "webhooks.manage",
  params: WebhookParams.extend({ deliveryId: z.string().min(1) }),
  response: DeliveryView,
  status: 202,
});
export const testWebhook = defineOperation({
  id: "testWebhook",
  method: "post",
  path: "/api/webhooks/{webhookId}/test",
  tag,
  summary: "Send a `webhook.test` event now",
  permission: "webhooks.manage",
  params: WebhookParams,
  response: z.array(DeliveryView),
  status: 202,
});
