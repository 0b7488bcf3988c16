import { defineApiHandler } from "../../../../../lib/handler.js";
import { messages } from "../../../../../lib/ops/index.js";

export default defineApiHandler(messages.listChats, async ({ wa, params, query }) => {
  return wa.chats(params.id, { limit: query.limit ?? 100 });
});
