import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.startSession, async ({ wa, params }) => {
  return wa.sessions.start(params.id);
});
