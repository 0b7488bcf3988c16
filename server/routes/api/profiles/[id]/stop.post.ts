import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.stopSession, async ({ wa, params }) => {
  return wa.sessions.stop(params.id);
});
