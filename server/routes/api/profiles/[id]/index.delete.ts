import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.deleteProfile, async ({ wa, params }) => {
  await wa.profiles.remove(params.id);
});
