import { defineApiHandler } from "../../../../../lib/handler.js";
import { groups } from "../../../../../lib/ops/index.js";

export default defineApiHandler(groups.createGroup, async ({ wa, params, body }) => {
  return wa.createGroup(params.id, body.subject, body.participants);
});
