import { authorizeProfile } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { profiles } from "../../../../lib/ops/index.js";

export default defineApiHandler(profiles.restartSession, async ({ wa, key, params }) => {
  await authorizeProfile(wa, key, params.id);
  return wa.restart(params.id);
});
