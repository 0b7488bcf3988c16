import { MultiWAError } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { requireMockEngine, visibleLines } from "#lib/mock-demo.js";
import { mock } from "#lib/ops/index.js";

export default defineApiHandler(mock.mockPhoneSend, async ({ wa, principal, params, body }) => {
  const { network, toJid } = requireMockEngine(wa);
  const to = toJid(body.to);
  // A demo phone writes only to the caller's own profiles.
  const lines = await visibleLines(wa, principal);
  if (lines && !lines.has(to.split("@")[0]!))
    throw new MultiWAError("NOT_FOUND", `No profile of yours is logged in as ${body.to.slice(0, 32)}`, {
      details: { field: "to" },
    });
  return { id: network.phone(params.phone).send(to, { type: "text", text: body.text }).id };
});
