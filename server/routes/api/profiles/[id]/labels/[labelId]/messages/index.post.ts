import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.labelMessage, ({ wa, params, body }) =>
  wa.labels.labelMessage(params.id, params.labelId, body, true),
);
