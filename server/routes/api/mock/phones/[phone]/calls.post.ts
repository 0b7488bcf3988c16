import { MultiWAError } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { requireMockEngine, visibleLines } from "#lib/mock-demo.js";
import { mock } from "#lib/ops/index.js";

export default defineApiHandler(mock.mockPhoneCall, async ({ wa, principal, params, body }) => {
  const { network, toJid } = requireMockEngine(wa);
  const to = toJid(body.to);
  // A demo phone rings only the caller's own profiles.
  const lines = await visibleLines(wa, principal);
  if (lines && !lines.has(to.split("@")[0]!))
    throw new MultiWAError("NOT_FOUND", `No profile of yours is logged in as ${body.to.slice(0, 32)}`, {
      details: { field: "to" },
    });
  return { callId: network.phone(params.phone).call(to, { video: body.video }) };
});
