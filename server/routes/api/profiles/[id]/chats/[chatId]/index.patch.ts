import { defineApiHandler } from "#lib/handler.js";
import { chats } from "#lib/ops/index.js";

export default defineApiHandler(chats.updateChat, ({ wa, params, body }) =>
  wa.chats.update(params.id, params.chatId, body),
);
