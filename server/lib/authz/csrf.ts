import { timingSafeEqual } from "node:crypto";
import { MultiWAError } from "@multiwa/core";
import { CSRF_HEADER, csrfTokenFor, type Credential, type CredentialSource } from "./credentials.js";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie sessions ride along on any cross-site request, so a state-changing one must come from our own
 * origin (Origin / Sec-Fetch-Site) AND carry the session's CSRF token. Header credentials need neither.
 */
export function checkCsrf(
  method: string,
  credential: Credential | undefined,
  source: CredentialSource & { host?: string },
): void {
  if (!credential || credential.via !== "cookie" || SAFE.has(method.toUpperCase())) return;
  const site = source.header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw refused(`a ${site} request`);
  const origin = source.header("origin");
  if (origin && origin !== "null") {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (!host || host !== source.host) throw refused(`Origin ${origin.slice(0, 100)}`);
  } else if (origin === "null") throw refused("an opaque Origin");
  const sent = source.header(CSRF_HEADER) ?? "";
  const expected = csrfTokenFor(credential.token);
  if (sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
    throw new MultiWAError(
      "FORBIDDEN",
      "Cookie-authenticated writes need the X-CSRF-Token header (the multiwa_csrf cookie's value)",
      { details: { field: CSRF_HEADER, reason: "CSRF" } },
    );
  }
}

function refused(what: string): MultiWAError {
  return new MultiWAError("FORBIDDEN", `Refused ${what} authenticated by cookie (cross-site request forgery defence)`, {
    details: { reason: "CSRF" },
  });
}
