import { authorizeProfile } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { profiles } from "../../../../lib/ops/index.js";
import { profileView } from "../../../../lib/views.js";

export default defineApiHandler(profiles.getProfile, async ({ wa, key, params }) => profileView(wa, await authorizeProfile(wa, key, params.id)));
