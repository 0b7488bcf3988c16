import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";
import { formToSendRequest } from "#lib/send-request.js";

export default defineApiHandler(
  messages.sendMessage,
  async ({ wa, params, body }) => {
    return wa.messages.send(params.id, body);
  },
  { multipart: (form) => formToSendRequest(form) },
);
