import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.createChannel, ({ wa, params, body }) => wa.channels.create(params.id, body));
