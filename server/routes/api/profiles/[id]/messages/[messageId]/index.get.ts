import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.getMessage, async ({ wa, params }) => {
  return wa.messages.get(params.id, params.messageId);
});
