import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.putLabelSettings, ({ wa, params, body }) =>
  wa.labels.putSettings(params.id, body),
);
