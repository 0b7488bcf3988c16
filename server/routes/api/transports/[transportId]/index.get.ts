import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.getTransport, ({ wa, params }) => wa.transports.get(params.transportId));
