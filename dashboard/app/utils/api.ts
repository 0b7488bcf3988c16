let _base = "";

/** Set once at start-up from `runtimeConfig.public.apiBase` (plugins/api.ts). */
export function setApiBase(base: string): void {
  _base = base;
}

/** The gateway's base URL: the configured one, or the origin that served the dashboard. */
export function apiBase(): string {
  return (_base || window.location.origin).replace(/\/$/, "");
}

/** URL with the API key in the query, for the WebSocket, which cannot send headers. */
export function streamUrl(path: string, token: string): string {
  const url = new URL(`${apiBase()}${path}`);
  url.searchParams.set("apiKey", token);
  if (path.startsWith("/api/ws")) url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
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
