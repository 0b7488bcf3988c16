import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.unfollowChannel, ({ wa, params }) =>
  wa.channels.unfollow(params.id, params.channelId),
);
