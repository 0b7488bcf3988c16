import { getRequestIP, setCookie } from "h3";
import { MultiWAError } from "@multiwa/core";
import { useConfig } from "#lib/config/config.js";
import { SESSION_COOKIE } from "#lib/auth.js";
import { CSRF_COOKIE, csrfTokenFor } from "#lib/authz/credentials.js";
import { loginThrottle } from "#lib/authz/login-throttle.js";
import { apiError } from "#lib/errors.js";
import { defineApiHandler } from "#lib/handler.js";
import { tenancy } from "#lib/ops/index.js";

export default defineApiHandler(tenancy.login, async ({ event, wa, body }) => {
  const ip = getRequestIP(event, { xForwardedFor: useConfig().MULTIWA_TRUST_PROXY }) ?? "unknown";
  // Refused before hashing: a throttled guess costs no scrypt.
  const wait = loginThrottle.wait(body.email, ip);
  if (wait > 0) {
    event.node.res.setHeader("retry-after", String(Math.ceil(wait / 1000)));
    throw apiError(429, {
      code: "RATE_LIMITED",
      message: `Too many failed logins; retry in ${Math.ceil(wait / 1000)} s`,
    });
  }
  let session;
  try {
    session = await wa.tenancy.users.login(body.email, body.password);
  } catch (error) {
    if ((error as MultiWAError).code === "UNAUTHENTICATED") loginThrottle.failed(body.email, ip);
    throw error;
  }
  loginThrottle.succeeded(body.email);
  // Fails early if the user may not enter the chosen organization.
  await wa.tenancy.principalForUser(session.user, body.organizationId);
  const expires = new Date(session.expiresAt);
  setCookie(event, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "lax", path: "/", expires });
  // Readable by our own pages only; cookie-authenticated writes echo it in X-CSRF-Token.
  const csrfToken = csrfTokenFor(session.token);
  setCookie(event, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: "strict", path: "/", expires });
  return { ...session, csrfToken };
});
