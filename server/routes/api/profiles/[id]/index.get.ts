import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";
import { profileView } from "#lib/views.js";

export default defineApiHandler(profiles.getProfile, async ({ wa, params }) =>
  profileView(wa, await wa.profiles.get(params.id)),
);
