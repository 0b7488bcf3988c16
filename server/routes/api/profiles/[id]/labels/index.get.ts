import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.listLabels, ({ wa, params }) => wa.labels.list(params.id));
