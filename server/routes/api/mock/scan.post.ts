import { defineApiHandler } from "../../../lib/handler.js";
import { requireMockEngine } from "../../../lib/mock-demo.js";
import { mock } from "../../../lib/ops/index.js";

export default defineApiHandler(mock.mockScan, ({ wa, body }) => requireMockEngine(wa).network.scanQr(body.qr, body.phone));
