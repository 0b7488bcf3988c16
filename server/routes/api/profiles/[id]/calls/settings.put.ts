import { defineApiHandler } from "#lib/handler.js";
import { calls } from "#lib/ops/index.js";

export default defineApiHandler(calls.putCallSettings, ({ wa, params, body }) => wa.calls.putSettings(params.id, body));
