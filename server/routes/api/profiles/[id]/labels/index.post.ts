import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.createLabel, ({ wa, params, body }) => wa.labels.create(params.id, body));
