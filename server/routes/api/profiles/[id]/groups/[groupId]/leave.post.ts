import { defineApiHandler } from "../../../../../../lib/handler.js";
import { groups } from "../../../../../../lib/ops/index.js";

export default defineApiHandler(groups.leaveGroup, async ({ wa, params }) => {
  await wa.leaveGroup(params.id, params.groupId);
});
