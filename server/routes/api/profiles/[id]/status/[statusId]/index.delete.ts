import { defineApiHandler } from "#lib/handler.js";
import { status } from "#lib/ops/index.js";

export default defineApiHandler(status.deleteStatus, ({ wa, params }) =>
  wa.statuses.delete(params.id, params.statusId),
);
