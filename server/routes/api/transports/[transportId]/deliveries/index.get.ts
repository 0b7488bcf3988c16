import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.transportDeliveries, ({ wa, params }) =>
  wa.transports.deliveries(params.transportId),
);
