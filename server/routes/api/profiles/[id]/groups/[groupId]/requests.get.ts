import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.groupRequests, ({ wa, params }) =>
  wa.groups.requests(params.id, params.groupId),
);
