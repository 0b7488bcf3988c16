import { defineApiHandler } from "#lib/handler.js";
import { chats } from "#lib/ops/index.js";

export default defineApiHandler(chats.starMessage, ({ wa, params, body }) =>
  wa.chats.star(params.id, params.messageId, body.starred),
);
