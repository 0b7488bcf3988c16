import { defineApiHandler } from "#lib/handler.js";
import { status } from "#lib/ops/index.js";

export default defineApiHandler(status.listStatuses, ({ wa, params, query }) => wa.statuses.list(params.id, query));
