import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.updateLabel, ({ wa, params, body }) =>
  wa.labels.update(params.id, params.labelId, body),
);
