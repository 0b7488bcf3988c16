import { authorizeProfile } from "../../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../../lib/handler.js";
import { messages } from "../../../../../../lib/ops/index.js";

export default defineApiHandler(messages.markRead, async ({ wa, key, params, body }) => {
  await authorizeProfile(wa, key, params.id);
  await wa.markRead(params.id, params.chatId, body.ids, body.sender);
});
