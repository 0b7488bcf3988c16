import { deleteCookie } from "h3";
import { credentialSource, requestCredential, SESSION_COOKIE } from "#lib/auth.js";
import { checkCsrf } from "#lib/authz/csrf.js";
import { CSRF_COOKIE } from "#lib/authz/credentials.js";
import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

// Ends the session server-side: the token stops working at once, and its open streams close within a second.
export default defineApiHandler(tenancy.logout, async ({ event, wa }) => {
  const credential = requestCredential(event);
  checkCsrf(event.method, credential, credentialSource(event));
  const token = credential?.token;
  if (token?.startsWith("mws_")) await wa.tenancy.users.logout(token);
  deleteCookie(event, SESSION_COOKIE, { path: "/" });
  deleteCookie(event, CSRF_COOKIE, { path: "/" });
});
