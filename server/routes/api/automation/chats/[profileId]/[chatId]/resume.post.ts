import { defineApiHandler } from "#lib/handler.js";
import { automation } from "#lib/ops/index.js";

export default defineApiHandler(automation.resumeChat, async ({ wa, params }) => ({
  resumed: await wa.automation.resumeChat(params.profileId, params.chatId),
}));
