import { authorizeProfile } from "../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../lib/handler.js";
import { messages } from "../../../../../lib/ops/index.js";

export default defineApiHandler(messages.listChats, async ({ wa, key, params, query }) => {
  await authorizeProfile(wa, key, params.id);
  return wa.chats(params.id, { limit: query.limit ?? 100 });
});
