import { defineApiHandler } from "#lib/handler.js";
import { labels } from "#lib/ops/index.js";
export default defineApiHandler(labels.getLabelSettings, ({ wa, params }) => wa.labels.settings(params.id));
