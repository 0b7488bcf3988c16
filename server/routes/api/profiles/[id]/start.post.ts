import { authorizeProfile } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { profiles } from "../../../../lib/ops/index.js";

export default defineApiHandler(profiles.startSession, async ({ wa, key, params }) => {
  await authorizeProfile(wa, key, params.id);
  return wa.start(params.id);
});
