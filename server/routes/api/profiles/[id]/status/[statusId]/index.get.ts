import { defineApiHandler } from "#lib/handler.js";
import { status } from "#lib/ops/index.js";

export default defineApiHandler(status.getStatus, ({ wa, params }) => wa.statuses.get(params.id, params.statusId));
