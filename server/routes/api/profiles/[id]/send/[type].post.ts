import type { SendRequest } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";
import { typedToSendRequest } from "#lib/send-request.js";

export default defineApiHandler(
  messages.sendTyped,
  async ({ wa, params, body }) => {
    // `wa.messages.send` validates the assembled request with the core schema.
    return wa.messages.send(params.id, typedToSendRequest(params.type, body) as SendRequest);
  },
  { multipart: (form) => form },
);
