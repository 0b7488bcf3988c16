import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.groupParticipants, async ({ wa, params, body }) => {
  return wa.groups.participants(params.id, params.groupId, body.action, body.participants);
});
