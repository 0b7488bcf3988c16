import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.createGroup, async ({ wa, params, body }) => {
  return wa.groups.create(params.id, body.subject, body.participants);
});
