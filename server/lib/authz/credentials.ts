import { createHash } from "node:crypto";

export const SESSION_COOKIE = "multiwa_session";
export const CSRF_COOKIE = "multiwa_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** Where one request's credential came from; cookies need CSRF checks, query keys only open streams. */
export interface Credential {
  token: string;
  via: "header" | "bearer" | "cookie" | "query";
}

/** The parts of a request (HTTP or WebSocket upgrade) a credential can come from. */
export interface CredentialSource {
  header(name: string): string | undefined | null;
  cookie(name: string): string | undefined;
  query(name: string): string | undefined | null;
}

/**
 * The one credential parser (HTTP and WebSocket): `X-API-Key`, then `Authorization: Bearer`, then the
 * session cookie, then `?apiKey=`, which a caller passes on only where a browser cannot send headers.
 */
export function readCredential(source: CredentialSource): Credential | undefined {
  const header = source.header("x-api-key")?.trim();
  if (header) return { token: header, via: "header" };
  const auth = source.header("authorization");
  if (auth?.toLowerCase().startsWith("bearer ") && auth.slice(7).trim())
    return { token: auth.slice(7).trim(), via: "bearer" };
  const cookie = source.cookie(SESSION_COOKIE);
  if (cookie) return { token: cookie, via: "cookie" };
  const query = source.query("apiKey");
  return query ? { token: query, via: "query" } : undefined;
}

/** Reads one cookie from a raw `Cookie` header (WebSocket upgrades have no h3 event). */
export function cookieFrom(header: string | null | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** The CSRF token bound to a session: a page that cannot read our cookies cannot compute it. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update(`csrf:${sessionToken}`).digest("base64url");
}
