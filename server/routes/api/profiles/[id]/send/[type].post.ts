import { authorizeProfile } from "../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../lib/handler.js";
import { messages } from "../../../../../lib/ops/index.js";
import { typedToSendRequest } from "../../../../../lib/send-request.js";

export default defineApiHandler(
  messages.sendTyped,
  async ({ wa, key, params, body }) => {
    await authorizeProfile(wa, key, params.id);
    return wa.send(params.id, typedToSendRequest(params.type, body));
  },
  { multipart: (form) => form },
);
