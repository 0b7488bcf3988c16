import { defineApiHandler } from "#lib/handler.js";
import { chats } from "#lib/ops/index.js";

export default defineApiHandler(chats.clearChat, ({ wa, params }) => wa.chats.clear(params.id, params.chatId));
