import { defineApiHandler } from "#lib/handler.js";
import { profiles } from "#lib/ops/index.js";

export default defineApiHandler(profiles.pairingCode, async ({ wa, params, body }) => {
  return { code: await wa.sessions.requestPairingCode(params.id, body.phone) };
});
