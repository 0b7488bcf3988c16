import { defineApiHandler } from "#lib/handler.js";
import { account } from "#lib/ops/index.js";

export default defineApiHandler(account.setAccountAbout, ({ wa, params, body }) =>
  wa.account.setAbout(params.id, body),
);
