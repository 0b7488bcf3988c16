import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.markRead, async ({ wa, params, body }) => {
  await wa.messages.markRead(params.id, params.chatId, body.ids, body.sender);
});
