import { defineApiHandler } from "../../../../../lib/handler.js";
import { requireMockEngine } from "../../../../../lib/mock-demo.js";
import { mock } from "../../../../../lib/ops/index.js";

export default defineApiHandler(mock.mockPhoneSend, ({ wa, params, body }) => {
  const { network, toJid } = requireMockEngine(wa);
  return { id: network.phone(params.phone).send(toJid(body.to), { type: "text", text: body.text }).id };
});
