import { authorizeProfile } from "../../../../../lib/auth.js";
import { defineApiHandler } from "../../../../../lib/handler.js";
import { groups } from "../../../../../lib/ops/index.js";

export default defineApiHandler(groups.createGroup, async ({ wa, key, params, body }) => {
  await authorizeProfile(wa, key, params.id);
  return wa.createGroup(params.id, body.subject, body.participants);
});
