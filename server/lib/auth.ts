import { getCookie, getQuery, type H3Event } from "h3";
import { can, type MultiWA, type Principal, type Profile } from "@multiwa/core";
import { checkCsrf } from "./authz/csrf.js";
import { readCredential, SESSION_COOKIE, type Credential, type CredentialSource } from "./authz/credentials.js";
import { apiError } from "./errors.js";
import { takeToken } from "./rate-limit.js";
import { requestHeader } from "./request-header.js";

export { SESSION_COOKIE };
export const AUTHENTICATED = "authenticated";

/** The caller of one request, with the permission the operation requires (checked per workspace). */
export type RequestPrincipal = Principal & {
  required: string;
  actingIn?: { id: string; organizationId: string };
  actingInOrganization?: string;
};

/** Where the request's credential parts are, for the shared parser. */
export function credentialSource(event: H3Event): CredentialSource & { host?: string } {
  return {
    header: (name) => requestHeader(event, name),
    cookie: (name) => getCookie(event, name),
    query: (name) => {
      const v = getQuery(event)[name];
      return typeof v === "string" ? v : undefined;
    },
    host: requestHeader(event, "x-forwarded-host") ?? requestHeader(event, "host"),
  };
}

/** The request's credential; `?apiKey=` only counts on GET streams (EventSource and WebSocket cannot send headers). */
export function requestCredential(
  event: H3Event,
  options: { queryAllowed?: boolean; queryWrites?: boolean } = {},
): Credential | undefined {
  const credential = readCredential(credentialSource(event));
  if (credential?.via === "query" && !(options.queryAllowed && (event.method === "GET" || options.queryWrites))) {
    throw apiError(401, {
      code: "UNAUTHENTICATED",
      message: "?apiKey= is accepted only on GET event streams and WebSocket; send the X-API-Key header",
      field: "apiKey",
    });
  }
  return credential;
}

/** Resolves the caller (API key or user session), rate-limits it, and checks it holds `permission` somewhere. */
export async function authenticate(
  event: H3Event,
  wa: MultiWA,
  permission: string,
  options: { queryAllowed?: boolean } = {},
): Promise<RequestPrincipal> {
  const credential = requestCredential(event, options);
  if (!credential)
    throw apiError(401, { code: "UNAUTHENTICATED", message: "Send an API key in the X-API-Key header, or log in" });
  checkCsrf(event.method, credential, credentialSource(event));
  const principal = await resolvePrincipal(wa, credential.token, requestHeader(event, "x-organization"));
  if (!principal)
    throw apiError(401, { code: "UNAUTHENTICATED", message: "The API key or session is unknown, revoked or expired" });
  const requestPrincipal: RequestPrincipal = { ...principal, required: permission };
  event.context.credential = credential;
  // Set before the checks below, so denied attempts reach the audit log too.
  event.context.principal = requestPrincipal;
  // "authenticated": any logged-in caller; the resolver checks the scope of every id it names.
  if (permission !== AUTHENTICATED && !can(principal, permission))
    throw apiError(403, { code: "FORBIDDEN", message: `You lack the \`${permission}\` permission` });
  const wait = takeToken(`${principal.kind}:${principal.id}`);
  if (wait > 0) {
    event.node.res.setHeader("retry-after", String(Math.ceil(wait / 1000)));
    throw apiError(429, { code: "RATE_LIMITED", message: `Too many requests; retry in ${Math.ceil(wait / 1000)} s` });
  }
  return requestPrincipal;
}

export async function resolvePrincipal(
  wa: MultiWA,
  token: string,
  organizationId?: string | null,
): Promise<Principal | null> {
  if (token.startsWith("mws_")) {
    const user = await wa.tenancy.users.session(token);
    return user ? wa.tenancy.principalForUser(user, organizationId || undefined) : null;
  }
  const key = await wa.apiKeys.verify(token);
  return key ? wa.tenancy.principalForKey(key) : null;
}

/** Whether a credential still works right now (read through, no cache): open streams poll it. */
export async function credentialIsLive(wa: MultiWA, token: string): Promise<boolean> {
  if (token.startsWith("mws_")) return !!(await wa.tenancy.users.session(token).catch(() => null));
  return wa.apiKeys.isLive(token).catch(() => false);
}

/** A profile the caller may act on (already authorized by the pipeline's resolver: this only loads it). */
export async function authorizeProfile(wa: MultiWA, principal: RequestPrincipal, profileId: string): Promise<Profile> {
  await wa.access.authorize(principal, principal.required === AUTHENTICATED ? undefined : principal.required, [
    { kind: "profile", id: profileId, field: "id" },
  ]);
  return (await wa.profiles.find(profileId))!;
}

/** Workspace ids the caller may act in with its required permission; `undefined` = every workspace (gateway admins). */
export async function visibleWorkspaceIds(wa: MultiWA, principal: RequestPrincipal): Promise<string[] | undefined> {
  if (!principal.organizationId && !principal.workspaceId) return undefined;
  const candidates = principal.workspaceId
    ? [await wa.tenancy.organizations.workspace(principal.workspaceId).catch(() => undefined)]
    : await wa.tenancy.organizations.workspaces(principal.organizationId);
  return candidates
    .filter((w): w is NonNullable<typeof w> => !!w && can(principal, principal.required, w))
    .map((w) => w.id);
}

/** For operations that need no login (logging in itself). */
export const ANONYMOUS: RequestPrincipal = {
  kind: "key",
  id: "anonymous",
  name: "anonymous",
  permissions: {},
  required: "",
};
