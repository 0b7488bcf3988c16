import { authorizeProfile } from "../../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../../lib/handler.js";
import { messages } from "../../../../../../lib/ops/index.js";

export default defineApiHandler(messages.getMessage, async ({ wa, key, params }) => {
  await authorizeProfile(wa, key, params.id);
  return wa.getMessage(params.id, params.messageId);
});
