import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.mentionAll, ({ wa, params, body }) =>
  wa.groups.mentionAll(params.id, params.groupId, body),
);
