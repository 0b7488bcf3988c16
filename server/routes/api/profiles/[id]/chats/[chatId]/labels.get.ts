import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.chatLabels, async ({ wa, params }) => {
  const ids = new Set(await wa.labels.ofChat(params.id, params.chatId));
  return (await wa.labels.list(params.id)).filter((l) => ids.has(l.id));
});
