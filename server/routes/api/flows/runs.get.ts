import { defineApiHandler } from "../../../lib/handler.js";
import { toJid } from "@multiwa/core";
import { authorizeProfile } from "../../../lib/auth.js";
import { flows } from "../../../lib/ops/index.js";

export default defineApiHandler(flows.listFlowRuns, async ({ wa, principal, query }) => {
  const profile = await authorizeProfile(wa, principal, query.profileId);
  return { runs: await wa.automation.runtime.list(profile.id, query.chatId ? toJid(query.chatId, "chatId") : undefined) };
});
