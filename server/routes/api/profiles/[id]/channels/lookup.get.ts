import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.lookupChannel, ({ wa, params, query }) =>
  wa.channels.info(params.id, query.channel ?? ""),
);
