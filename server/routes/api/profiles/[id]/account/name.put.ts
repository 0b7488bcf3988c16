import { defineApiHandler } from "#lib/handler.js";
import { account } from "#lib/ops/index.js";

export default defineApiHandler(account.setAccountName, ({ wa, params, body }) => wa.account.setName(params.id, body));
