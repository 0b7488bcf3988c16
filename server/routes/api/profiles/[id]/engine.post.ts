import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";
import { profileView } from "#lib/views.js";

export default defineApiHandler(profiles.switchEngine, async ({ wa, params, body }) => {
  return profileView(wa, await wa.profiles.switchEngine(params.id, body));
});
