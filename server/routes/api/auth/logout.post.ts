import { deleteCookie } from "h3";
import { requestToken, SESSION_COOKIE } from "../../../lib/auth.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { tenancy } from "../../../lib/ops/index.js";

export default defineApiHandler(tenancy.logout, async ({ event, wa }) => {
  const token = requestToken(event);
  if (token?.startsWith("mws_")) await wa.tenancy.users.logout(token);
  deleteCookie(event, SESSION_COOKIE, { path: "/" });
});
