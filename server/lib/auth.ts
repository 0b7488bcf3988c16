import { getCookie, getHeader, getQuery, type H3Event } from "h3";
import { can, grants, type MultiWA, type Principal, type Profile } from "@multiwa/core";
import { apiError } from "./errors.js";
import { takeToken } from "./rate-limit.js";

export const SESSION_COOKIE = "multiwa_session";
export const AUTHENTICATED = "authenticated";

/** The caller of one request, with the permission the operation requires (checked per workspace). */
export type RequestPrincipal = Principal & { required: string; actingIn?: { id: string; organizationId: string }; actingInOrganization?: string };

/** A credential from `X-API-Key`, `Authorization: Bearer`, the dashboard's session cookie, or `?apiKey=` (EventSource/WebSocket). */
export function requestToken(event: H3Event): string | undefined {
  const header = getHeader(event, "x-api-key");
  if (header) return header.trim();
  const auth = getHeader(event, "authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  const cookie = getCookie(event, SESSION_COOKIE);
  if (cookie) return cookie;
  const query = getQuery(event).apiKey;
  return typeof query === "string" && query ? query : undefined;
}

/** Resolves the caller (API key or user session), rate-limits it, and checks it holds `permission` somewhere. */
export async function authenticate(event: H3Event, wa: MultiWA, permission: string): Promise<RequestPrincipal> {
  const token = requestToken(event);
  if (!token) throw apiError(401, { code: "UNAUTHORIZED", message: "Send an API key in the X-API-Key header, or log in" });
  const principal = await resolvePrincipal(wa, token, getHeader(event, "x-organization"));
  if (!principal) throw apiError(401, { code: "UNAUTHORIZED", message: "The API key or session is unknown, revoked or expired" });
  const requestPrincipal: RequestPrincipal = { ...principal, required: permission };
  // Set before the checks below, so denied attempts reach the audit log too.
  event.context.principal = requestPrincipal;
  // "authenticated": any logged-in caller; the route checks scope itself.
  if (permission !== AUTHENTICATED && !can(principal, permission)) throw apiError(403, { code: "FORBIDDEN", message: `You lack the \`${permission}\` permission` });
  const wait = takeToken(`${principal.kind}:${principal.id}`);
  if (wait > 0) {
    event.node.res.setHeader("retry-after", String(Math.ceil(wait / 1000)));
    throw apiError(429, { code: "RATE_LIMITED", message: `Too many requests; retry in ${Math.ceil(wait / 1000)} s` });
  }
  return requestPrincipal;
}

export async function resolvePrincipal(wa: MultiWA, token: string, organizationId?: string): Promise<Principal | null> {
  if (token.startsWith("mws_")) {
    const user = await wa.tenancy.users.session(token);
    return user ? wa.tenancy.principalForUser(user, organizationId || undefined) : null;
  }
  const key = await wa.apiKeys.verify(token);
  return key ? wa.tenancy.principalForKey(key) : null;
}

/** The workspace (with its organization) a principal acts in, or a 404 that looks like "missing". */
export async function authorizeWorkspace(wa: MultiWA, principal: RequestPrincipal, workspaceId: string, what = "Workspace"): Promise<{ id: string; organizationId: string }> {
  const workspace = await wa.tenancy.organizations.workspace(workspaceId).catch(() => undefined);
  const visible = workspace && (!principal.workspaceId || principal.workspaceId === workspace.id) && (!principal.organizationId || principal.organizationId === workspace.organizationId);
  if (!workspace || !visible) throw apiError(404, { code: "NOT_FOUND", message: `${what} "${workspaceId}" does not exist`, field: "workspaceId" });
  if (!can(principal, principal.required, workspace)) throw apiError(403, { code: "FORBIDDEN", message: `You lack the \`${principal.required}\` permission in workspace "${workspace.id}"` });
  // Recorded for the audit log: where this request acted.
  principal.actingIn = { id: workspace.id, organizationId: workspace.organizationId };
  return workspace;
}

/** Loads a profile the caller may act on; another tenant's profile looks exactly like a missing one. */
export async function authorizeProfile(wa: MultiWA, principal: RequestPrincipal, profileId: string): Promise<Profile> {
  const profile = await wa.profiles.find(profileId);
  if (!profile) throw apiError(404, { code: "PROFILE_NOT_FOUND", message: `Profile "${profileId}" does not exist`, field: "id" });
  try {
    await authorizeWorkspace(wa, principal, profile.workspaceId);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) throw apiError(404, { code: "PROFILE_NOT_FOUND", message: `Profile "${profileId}" does not exist`, field: "id" });
    throw error;
  }
  return profile;
}

/** Workspace ids the caller may act in with its required permission; `undefined` = every workspace (gateway admins). */
export async function visibleWorkspaceIds(wa: MultiWA, principal: RequestPrincipal): Promise<string[] | undefined> {
  if (!principal.organizationId && !principal.workspaceId) return undefined;
  const candidates = principal.workspaceId ? [await wa.tenancy.organizations.workspace(principal.workspaceId).catch(() => undefined)] : await wa.tenancy.organizations.workspaces(principal.organizationId);
  return candidates.filter((w): w is NonNullable<typeof w> => !!w && can(principal, principal.required, w)).map((w) => w.id);
}

/** For operations that need no login (logging in itself). */
export const ANONYMOUS: RequestPrincipal = { kind: "key", id: "anonymous", name: "anonymous", permissions: {}, required: "" };

/** Organization-level rights (members, roles, workspaces) come from the organization-wide role only. */
export async function authorizeOrganization(wa: MultiWA, principal: RequestPrincipal, organizationId: string, permission = principal.required): Promise<void> {
  const missing = () => apiError(404, { code: "NOT_FOUND", message: `Organization "${organizationId}" does not exist`, field: "orgId" });
  if (principal.organizationId && principal.organizationId !== organizationId) throw missing();
  await wa.tenancy.organizations.organization(organizationId).catch(() => {
    throw missing();
  });
  principal.actingInOrganization = organizationId;
  if (permission === AUTHENTICATED) return;
  if (principal.workspaceId || !grants(principal.permissions["*"] ?? [], permission)) {
    throw apiError(403, { code: "FORBIDDEN", message: `You lack the organization-wide \`${permission}\` permission` });
  }
}
