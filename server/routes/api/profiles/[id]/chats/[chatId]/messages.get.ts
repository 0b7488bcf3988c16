import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.chatMessages, async ({ wa, params, query }) => {
  return wa.chats.messages(params.id, params.chatId, query);
});
