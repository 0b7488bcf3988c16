import { defineApiHandler } from "#lib/handler.js";
import { messages } from "#lib/ops/index.js";

export default defineApiHandler(messages.listChats, async ({ wa, params, query }) => {
  const { workspaceId: _scope, ...filters } = query;
  return wa.chats.list(params.id, { ...filters, limit: query.limit ?? 100 });
});
