import { defineApiHandler } from "#lib/handler.js";
import { toJid } from "@multiwa/core";
import { flows } from "#lib/ops/index.js";

export default defineApiHandler(flows.listFlowRuns, async ({ wa, query }) => {
  return {
    runs: await wa.automation.runtime.list(query.profileId, query.chatId ? toJid(query.chatId, "chatId") : undefined),
  };
});
