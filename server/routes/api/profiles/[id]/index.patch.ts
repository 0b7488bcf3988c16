import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";
import { profileView } from "#lib/views.js";

export default defineApiHandler(profiles.updateProfile, async ({ wa, params, body }) => {
  return profileView(wa, await wa.profiles.update(params.id, body));
});
