import { getHeader, getQuery, type H3Event } from "h3";
import { hasPermission, type ApiKey, type MultiWA, type Profile } from "@multiwa/core";
import { apiError } from "./errors.js";
import { takeToken } from "./rate-limit.js";

/** The API key of a request: `X-API-Key`, `Authorization: Bearer`, or `?apiKey=` for EventSource/WebSocket clients. */
export function requestToken(event: H3Event): string | undefined {
  const header = getHeader(event, "x-api-key");
  if (header) return header.trim();
  const auth = getHeader(event, "authorization");
  if (auth?.toLowerCase().startsWith("bearer ")) return auth.slice(7).trim();
  const query = getQuery(event).apiKey;
  return typeof query === "string" && query ? query : undefined;
}

export async function authenticate(event: H3Event, wa: MultiWA, permission: string): Promise<ApiKey> {
  const token = requestToken(event);
  if (!token) throw apiError(401, { code: "UNAUTHORIZED", message: "Send an API key in the X-API-Key header" });
  const key = await wa.apiKeys.verify(token);
  if (!key) throw apiError(401, { code: "UNAUTHORIZED", message: "The API key is unknown, revoked or expired" });
  if (!hasPermission(key, permission)) throw apiError(403, { code: "FORBIDDEN", message: `This API key lacks the \`${permission}\` permission` });
  const wait = takeToken(key.id);
  if (wait > 0) {
    event.node.res.setHeader("retry-after", String(Math.ceil(wait / 1000)));
    throw apiError(429, { code: "RATE_LIMITED", message: `Too many requests for this API key; retry in ${Math.ceil(wait / 1000)} s` });
  }
  return key;
}

/** Loads a profile the key may see; another workspace's profile looks exactly like a missing one. */
export async function authorizeProfile(wa: MultiWA, key: ApiKey, profileId: string): Promise<Profile> {
  const profile = await wa.profiles.find(profileId);
  if (!profile || (key.workspaceId && profile.workspaceId !== key.workspaceId)) {
    throw apiError(404, { code: "PROFILE_NOT_FOUND", message: `Profile "${profileId}" does not exist`, field: "id" });
  }
  return profile;
}
