import { authorizeProfile } from "../../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../../lib/handler.js";
import { groups } from "../../../../../../lib/ops/index.js";

export default defineApiHandler(groups.groupInfo, async ({ wa, key, params }) => {
  await authorizeProfile(wa, key, params.id);
  return wa.groupInfo(params.id, params.groupId);
});
