import { authorizeProfile } from "../../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../../lib/handler.js";
import { groups } from "../../../../../../lib/ops/index.js";

export default defineApiHandler(groups.leaveGroup, async ({ wa, key, params }) => {
  await authorizeProfile(wa, key, params.id);
  await wa.leaveGroup(params.id, params.groupId);
});
