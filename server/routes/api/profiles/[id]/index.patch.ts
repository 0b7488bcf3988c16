import { authorizeProfile } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { profiles } from "../../../../lib/ops/index.js";
import { profileView } from "../../../../lib/views.js";

export default defineApiHandler(profiles.updateProfile, async ({ wa, key, params, body }) => {
  await authorizeProfile(wa, key, params.id);
  return profileView(wa, await wa.updateProfile(params.id, body));
});
