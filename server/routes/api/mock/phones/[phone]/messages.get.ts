import { defineApiHandler } from "#lib/handler.js";
import { fromLines, requireMockEngine, visibleLines } from "#lib/mock-demo.js";
import { mock } from "#lib/ops/index.js";

export default defineApiHandler(mock.mockPhoneInbox, async ({ wa, principal, params }) => {
  const { network } = requireMockEngine(wa);
  return fromLines(network.phone(params.phone).messages(), await visibleLines(wa, principal));
});
