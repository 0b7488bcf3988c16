import { defineApiHandler } from "#lib/handler.js";
import { authorizeQr, requireMockEngine } from "#lib/mock-demo.js";
import { mock } from "#lib/ops/index.js";

export default defineApiHandler(mock.mockScan, async ({ wa, principal, body }) => {
  const { network } = requireMockEngine(wa);
  // Only a QR of the caller's own profile can be scanned (another tenant's looks missing).
  await authorizeQr(wa, principal, body.qr);
  network.scanQr(body.qr, body.phone);
});
