import { authorizeProfile } from "../../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../../lib/handler.js";
import { groups } from "../../../../../../lib/ops/index.js";

export default defineApiHandler(groups.groupParticipants, async ({ wa, key, params, body }) => {
  await authorizeProfile(wa, key, params.id);
  return wa.updateGroupParticipants(params.id, params.groupId, body.action, body.participants);
});
