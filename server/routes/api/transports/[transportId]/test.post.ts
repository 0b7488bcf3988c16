import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.testTransport, ({ wa, params }) => wa.transports.test(params.transportId));
