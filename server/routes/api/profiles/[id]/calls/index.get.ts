import { defineApiHandler } from "#lib/handler.js";
import { calls } from "#lib/ops/index.js";

export default defineApiHandler(calls.listCalls, ({ wa, params, query }) => wa.calls.log(params.id, query));
