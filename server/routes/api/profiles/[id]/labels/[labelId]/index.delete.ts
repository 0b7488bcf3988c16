import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.deleteLabel, ({ wa, params }) => wa.labels.delete(params.id, params.labelId));
