import { defineApiHandler } from "#lib/handler.js";
import { account } from "#lib/ops/index.js";

export default defineApiHandler(account.accountPrivacy, ({ wa, params }) => wa.account.privacy(params.id));
