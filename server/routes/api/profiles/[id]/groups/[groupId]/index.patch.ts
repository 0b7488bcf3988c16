import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.updateGroup, ({ wa, params, body }) =>
  wa.groups.update(params.id, params.groupId, body),
);
