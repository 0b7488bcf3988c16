import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.listChannelMessages, ({ wa, params, query }) =>
  wa.channels.messages(params.id, params.channelId, query),
);
