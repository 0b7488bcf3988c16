import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.restartSession, async ({ wa, params }) => {
  return wa.sessions.restart(params.id);
});
