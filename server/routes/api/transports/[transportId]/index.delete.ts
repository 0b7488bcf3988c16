import { defineApiHandler } from "#lib/handler.js";
import { transports } from "#lib/ops/index.js";

export default defineApiHandler(transports.deleteTransport, async ({ wa, params }) => {
  await wa.transports.remove(params.transportId);
});
