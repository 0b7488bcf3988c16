import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.labelChat, ({ wa, params, body }) =>
  wa.labels.labelChat(params.id, params.labelId, body, true),
);
