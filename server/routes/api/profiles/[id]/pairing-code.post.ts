import { authorizeProfile } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { profiles } from "../../../../lib/ops/index.js";

export default defineApiHandler(profiles.pairingCode, async ({ wa, key, params, body }) => {
  await authorizeProfile(wa, key, params.id);
  return { code: await wa.requestPairingCode(params.id, body.phone) };
});
