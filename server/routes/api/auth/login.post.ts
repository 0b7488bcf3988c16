import { setCookie } from "h3";
import { SESSION_COOKIE } from "../../../lib/auth.js";
import { defineApiHandler } from "../../../lib/handler.js";
import { tenancy } from "../../../lib/ops/index.js";

export default defineApiHandler(tenancy.login, async ({ event, wa, body }) => {
  const session = await wa.tenancy.users.login(body.email, body.password);
  // Fails early if the user may not enter the chosen organization.
  await wa.tenancy.principalForUser(session.user, body.organizationId);
  setCookie(event, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", path: "/", expires: new Date(session.expiresAt) });
  return session;
});
