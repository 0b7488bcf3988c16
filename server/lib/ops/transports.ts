import { z } from "zod";
import { resourceId, transportInput, UpdateTransportSchema } from "@multiwa/core";
import { defineOperation } from "../operation.js";
import { deliveryFields, deliveryLog, targetFields } from "./delivery-views.js";

const tag = "Event transports";
const TransportView = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("amqp"), exchange: z.string(), queue: z.string().optional(), ...targetFields }),
    z.object({
      kind: z.literal("nats"),
      subject: z.string(),
      jetstream: z.boolean(),
      stream: z.string(),
      ...targetFields,
    }),
    z.object({ kind: z.literal("redis"), stream: z.string(), maxLen: z.number(), ...targetFields }),
  ])
  .meta({ id: "EventTransport", description: "A RabbitMQ, NATS or Redis Streams target of the events." });
const DeliveryView = z
  .object(deliveryFields)
  .meta({ id: "TransportDelivery", description: "One event's delivery to a transport, with its attempts." });
const DeliveryLog = deliveryLog(DeliveryView, {
  id: "TransportDeliveryLog",
  description: "A transport's deliveries by state.",
});
const TransportParams = z.object({ transportId: resourceId("transport") });

export const listTransports = defineOperation({
  id: "listTransports",
  method: "get",
  path: "/api/transports",
  tag,
  summary: "Event transports (RabbitMQ, NATS, Redis Streams); URLs are listed with their password masked",
  permission: "webhooks.manage",
  response: z.array(TransportView),
});
export const createTransport = defineOperation({
  actsIn: "workspace",
  id: "createTransport",
  method: "post",
  path: "/api/transports",
  tag,
  permission: "webhooks.manage",
  status: 201,
  summary: "Publish events to a broker: the webhook's JSON body, at least once",
  description:
    "`amqp`: a durable topic exchange (routing key: the event name), `messageId` and header `x-multiwa-delivery` = the delivery id. " +
    "`nats`: subject `<subject>.<event>`; with `jetstream`, stored in `stream` and deduplicated by delivery id. " +
    "`redis`: `XADD <stream>` with fields `id`, `event`, `body`. Failed publishes are retried like webhook deliveries.",
  body: transportInput(resourceId("workspace").optional()),
  response: TransportView,
});
export const getTransport = defineOperation({
  id: "getTransport",
  method: "get",
  path: "/api/transports/{transportId}",
  tag,
  summary: "One event transport",
  permission: "webhooks.manage",
  params: TransportParams,
  response: TransportView,
});
export const updateTransport = defineOperation({
  id: "updateTransport",
  method: "patch",
  path: "/api/transports/{transportId}",
  tag,
  summary: "Change a transport's URL, filters, names or enable/disable it (its kind stays)",
  permission: "webhooks.manage",
  params: TransportParams,
  body: UpdateTransportSchema,
  response: TransportView,
});
export const deleteTransport = defineOperation({
  id: "deleteTransport",
  method: "delete",
  path: "/api/transports/{transportId}",
  tag,
  summary: "Remove an event transport (its pending deliveries go with it)",
  permission: "webhooks.manage",
  params: TransportParams,
  status: 204,
});
export const transportDeliveries = defineOperation({
  id: "transportDeliveries",
  method: "get",
  path: "/api/transports/{transportId}/deliveries",
  tag,
  summary: "Pending, recently delivered and dead-letter deliveries of a transport",
  permission: "webhooks.manage",
  params: TransportParams,
  response: DeliveryLog,
});
export const replayTransportDelivery = defineOperation({
  id: "replayTransportDelivery",
  method: "post",
  path: "/api/transports/{transportId}/deliveries/{deliveryId}/replay",
  tag,
  summary: "Publish a dead or delivered delivery again (same id)",
  permission: "webhooks.manage",
  params: TransportParams.extend({ deliveryId: z.string().min(1) }),
  response: DeliveryView,
  status: 202,
});
export const testTransport = defineOperation({
  id: "testTransport",
  method: "post",
  path: "/api/transports/{transportId}/test",
  tag,
  summary: "Publish a `webhook.test` event now",
  permission: "webhooks.manage",
  params: TransportParams,
  response: z.array(DeliveryView),
  status: 202,
});
