import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.muteChannel, ({ wa, params, body }) =>
  wa.channels.mute(params.id, params.channelId, body),
);
