import { defineApiHandler } from "#lib/handler.js";
import { groups } from "#lib/ops/index.js";

export default defineApiHandler(groups.groupInvite, async ({ wa, params }) => {
  const code = await wa.groups.inviteCode(params.id, params.groupId);
  return { code, link: `https://chat.whatsapp.com/${code}` };
});
