import { authorizeProfile } from "../../../../lib/auth.js";
import { defineApiHandler } from "../../../../lib/handler.js";
import { messages } from "../../../../lib/ops/index.js";

export default defineApiHandler(messages.sendPresence, async ({ wa, key, params, body }) => {
  await authorizeProfile(wa, key, params.id);
  await wa.sendPresence(params.id, body.state, body.to);
});
