import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.unlabelChat, ({ wa, params }) =>
  wa.labels.labelChat(params.id, params.labelId, { chatId: params.chatId }, false),
);
