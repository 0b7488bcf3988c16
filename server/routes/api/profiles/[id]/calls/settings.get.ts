import { defineApiHandler } from "#lib/handler.js";
import { calls } from "#lib/ops/index.js";

export default defineApiHandler(calls.getCallSettings, ({ wa, params }) => wa.calls.settings(params.id));
