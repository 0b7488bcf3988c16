import { defineApiHandler } from "#lib/handler.js";
import { account } from "#lib/ops/index.js";

export default defineApiHandler(account.setAccountPicture, ({ wa, params, body }) =>
  wa.account.setPicture(params.id, body),
);
