import { defineApiHandler } from "#lib/handler.js";
import { channels } from "#lib/ops/index.js";
export default defineApiHandler(channels.listChannels, ({ wa, params }) => wa.channels.list(params.id));
