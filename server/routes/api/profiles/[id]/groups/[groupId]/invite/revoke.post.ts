import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.revokeGroupInvite, async ({ wa, params }) => {
  const code = await wa.groups.revokeInvite(params.id, params.groupId);
  return { code, link: `https://chat.whatsapp.com/${code}` };
});
