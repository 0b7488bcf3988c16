import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.listLabelChats, ({ wa, params }) =>
  wa.labels.associations(params.id, params.labelId),
);
