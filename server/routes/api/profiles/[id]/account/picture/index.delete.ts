import { defineApiHandler } from "#lib/handler.js";
import { account } from "#lib/ops/index.js";

export default defineApiHandler(account.removeAccountPicture, ({ wa, params }) => wa.account.removePicture(params.id));
