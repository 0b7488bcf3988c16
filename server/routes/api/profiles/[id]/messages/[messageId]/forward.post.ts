import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.forwardMessage, ({ wa, params, body }) =>
  wa.messages.forward(params.id, params.messageId, body.to, body.options),
);
