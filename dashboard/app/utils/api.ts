import type { ApiErrorBody } from "~~/shared/types/api";

/** An error answer of the gateway, with its `{ code, message, field }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Structured details, e.g. a CSV import's `errors` per line. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiFetchOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Record<string, string | number | undefined>;
  /** JSON body, or a FormData for multipart uploads. */
  body?: unknown;
  /** Overrides the signed-in token (used while logging in). */
  token?: string | null;
  signal?: AbortSignal;
}

let _base = "";

/** Set once at start-up from `runtimeConfig.public.apiBase` (plugins/api.ts). */
export function setApiBase(base: string): void {
  _base = base;
}

/** The gateway's base URL: the configured one, or the origin that served the dashboard. */
export function apiBase(): string {
  return (_base || window.location.origin).replace(/\/$/, "");
}

/** URL with the API key in the query, for EventSource and WebSocket, which cannot send headers. */
export function streamUrl(path: string, token: string): string {
  const url = new URL(`${apiBase()}${path}`);
  url.searchParams.set("apiKey", token);
  if (path.startsWith("/api/ws")) url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/** Calls the gateway with the API key; maps error bodies to `ApiError`, and a 401 to a logout. */
export async function apiFetch<T = unknown>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const token = options.token !== undefined ? options.token : useAuth().token.value;
  const url = new URL(`${apiBase()}${path}`);
  for (const [name, value] of Object.entries(options.query ?? {}))
    if (value !== undefined) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { accept: "application/json" };
  if (token) headers["x-api-key"] = token;
  // Cookie-session writes must echo the session's CSRF token (the gateway sets it as a readable cookie).
  const csrf = csrfToken();
  if (csrf) headers["x-csrf-token"] = csrf;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK_ERROR", `The gateway at ${url.origin} cannot be reached`, undefined, {
      origin: url.origin,
    });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? _parse(text) : undefined;
  if (!response.ok) {
    const err = (data ?? {}) as Partial<ApiErrorBody>;
    if (response.status === 401 && options.token === undefined) useAuth().logout();
    throw new ApiError(
      response.status,
      err.code ?? `HTTP_${response.status}`,
      err.message ?? (response.statusText || "Request failed"),
      err.field,
      err.details,
    );
  }
  return data as T;
}

/** Saves a file answer (a CSV export from `client.raw(…)`, credentials in a header, not the URL). */
export async function saveFile(response: Promise<Response>, fileName: string): Promise<void> {
  downloadBlob(await (await response).blob(), fileName);
}

// --- Internal helpers ---

/** The cookie session's CSRF token, which its writes must echo (the gateway sets it as a readable cookie). */
export function csrfToken(): string | undefined {
  if (typeof document === "undefined") return undefined;
  const match = /(?:^|;\s*)multiwa_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

function _parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
