import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.channelAdmins, ({ wa, params }) =>
  wa.channels.admins(params.id, params.channelId),
);
