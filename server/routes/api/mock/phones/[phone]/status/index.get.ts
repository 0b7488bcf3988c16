import { defineApiHandler } from "#lib/handler.js";
import { requireMockEngine, visibleLines } from "#lib/mock-demo.js";
import { mock } from "#lib/ops/index.js";

export default defineApiHandler(mock.mockPhoneStatuses, async ({ wa, principal, params }) => {
  const { network } = requireMockEngine(wa);
  const lines = await visibleLines(wa, principal);
  return network.statuses.receivedBy(params.phone).filter((s) => !lines || lines.has(s.from));
});
