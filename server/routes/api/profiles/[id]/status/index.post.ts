import { defineApiHandler } from "../../../../../lib/handler.js";
import { status } from "../../../../../lib/ops/index.js";

export default defineApiHandler(status.postStatus, ({ wa, params, body }) => wa.statuses.post(params.id, body));
