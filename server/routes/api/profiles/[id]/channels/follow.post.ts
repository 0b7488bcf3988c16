import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.followChannel, ({ wa, params, body }) => wa.channels.follow(params.id, body));
