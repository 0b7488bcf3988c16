import { defineApiHandler } from "#lib/handler.js";
import { chats } from "#lib/ops/index.js";

export default defineApiHandler(chats.fetchChatHistory, ({ wa, params, body }) =>
  wa.chats.fetchHistory(params.id, params.chatId, body.count),
);
