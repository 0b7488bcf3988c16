import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.getProfileLimits, ({ wa, params }) => wa.limits.get(params.id));
