import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.unlabelMessage, ({ wa, params }) =>
  wa.labels.labelMessage(params.id, params.labelId, { messageId: params.messageId }, false),
);
