import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.leaveGroup, async ({ wa, params }) => {
  await wa.groups.leave(params.id, params.groupId);
});
