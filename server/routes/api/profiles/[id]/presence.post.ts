import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.sendPresence, async ({ wa, params, body }) => {
  await wa.messages.presence(params.id, body.state, body.to);
});
