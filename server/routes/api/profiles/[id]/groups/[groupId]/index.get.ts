import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.groupInfo, async ({ wa, params }) => {
  return wa.groups.info(params.id, params.groupId);
});
