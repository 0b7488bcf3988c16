import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.logoutSession, async ({ wa, params }) => {
  return wa.sessions.logout(params.id);
});
