import { defineApiHandler } from "../../../../../lib/handler.js";
import { requireMockEngine } from "../../../../../lib/mock-demo.js";
import { mock } from "../../../../../lib/ops/index.js";

export default defineApiHandler(mock.mockPhoneInbox, ({ wa, params }) => requireMockEngine(wa).network.phone(params.phone).messages());
