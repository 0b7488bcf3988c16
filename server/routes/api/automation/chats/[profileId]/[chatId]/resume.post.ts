import { defineApiHandler } from "../../../../../../lib/handler.js";
import { authorizeProfile } from "../../../../../../lib/auth.js";
import { automation } from "../../../../../../lib/ops/index.js";

export default defineApiHandler(automation.resumeChat, async ({ wa, principal, params }) => {
  const profile = await authorizeProfile(wa, principal, params.profileId);
  return { resumed: await wa.automation.resumeChat(profile.id, params.chatId) };
});
