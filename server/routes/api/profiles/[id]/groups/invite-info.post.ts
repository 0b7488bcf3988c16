import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.groupInviteInfo, ({ wa, params, body }) =>
  wa.groups.inviteInfo(params.id, body),
);
