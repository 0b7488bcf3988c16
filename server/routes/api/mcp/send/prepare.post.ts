import { defineApiHandler } from "#lib/handler.js";
import { holdSend } from "#lib/mcp-confirmations.js";
import { mcp } from "#lib/ops/index.js";

export default defineApiHandler(mcp.prepareSend, async ({ wa, principal, body }) => {
  return holdSend(wa, principal, body.profileId, body.message, body.ttlSeconds);
});
