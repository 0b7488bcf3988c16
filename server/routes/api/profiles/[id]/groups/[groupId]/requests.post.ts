import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.decideGroupRequests, ({ wa, params, body }) =>
  wa.groups.decideRequests(params.id, params.groupId, body),
);
