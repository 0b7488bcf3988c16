import { MultiWAError } from "@multiwa/core";
import { defineApiHandler } from "#lib/handler.js";
import { requireMockEngine, visibleLines } from "#lib/mock-demo.js";
import { mock } from "#lib/ops/index.js";

export default defineApiHandler(mock.mockPhoneViewStatus, async ({ wa, principal, params }) => {
  const { network } = requireMockEngine(wa);
  const status = network.statuses.get(params.statusId);
  const lines = await visibleLines(wa, principal);
  if (!status || !status.recipients.includes(params.phone) || (lines && !lines.has(status.from)))
    throw new MultiWAError("NOT_FOUND", `Phone ${params.phone} was sent no status ${params.statusId.slice(0, 64)}`, {
      details: { field: "statusId" },
    });
  network.phone(params.phone).viewStatus(params.statusId);
});
