import { defineApiHandler } from "#lib/handler.js";
import { chats } from "#lib/ops/index.js";

export default defineApiHandler(chats.deleteChat, ({ wa, params }) => wa.chats.delete(params.id, params.chatId));
