import { defineApiHandler } from "#lib/handler.js";
import { account } from "#lib/ops/index.js";

export default defineApiHandler(account.updateAccountPrivacy, ({ wa, params, body }) =>
  wa.account.updatePrivacy(params.id, body),
);
