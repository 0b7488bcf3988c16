import { defineApiHandler } from "#lib/handler.js";
import { calls } from "#lib/ops/index.js";

export default defineApiHandler(calls.rejectCall, ({ wa, params, body }) => wa.calls.reject(params.id, body));
