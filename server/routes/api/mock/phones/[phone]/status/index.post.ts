import { MultiWAError } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { requireMockEngine, visibleLines } from "#lib/mock-demo.js";
import { mock } from "#lib/ops/index.js";

export default defineApiHandler(mock.mockPhonePostStatus, async ({ wa, principal, params, body }) => {
  const { network, toJid } = requireMockEngine(wa);
  const to = toJid(body.to);
  // Like its messages, a demo phone's status reaches only the caller's own profiles.
  const lines = await visibleLines(wa, principal);
  if (lines && !lines.has(to.split("@")[0]!))
    throw new MultiWAError("NOT_FOUND", `No profile of yours is logged in as ${body.to.slice(0, 32)}`, {
      details: { field: "to" },
    });
  const { text, backgroundColor, font } = body;
  return { id: network.phone(params.phone).postStatus(text, [to], { backgroundColor, font }) };
});
