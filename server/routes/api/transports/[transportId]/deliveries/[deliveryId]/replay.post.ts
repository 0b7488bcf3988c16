import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.replayTransportDelivery, ({ wa, params }) =>
  wa.transports.replay(params.transportId, params.deliveryId),
);
