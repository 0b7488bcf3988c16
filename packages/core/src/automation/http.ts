import { MultiWAError } from "../errors.js";
import { signPayload, SIGNATURE_HEADER } from "../webhooks/signature.js";
import { assertPublicTarget } from "../webhooks/target-guard.js";

export interface OutboundHttpOptions {
  /** Allow loopback/private targets (tests, same-host services). @default false */
  allowPrivateTargets?: boolean;
  /** @default 10000 */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Responses longer than this are cut: they end up in flow variables. */
const MAX_BODY = 64 * 1024;

/**
 * An HTTP call made by automation (http_request node, webhook action, AI). The target is checked
 * against private networks on every call, like webhooks; non-2xx answers are errors.
 */
export async function automationFetch(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; secret?: string }, o: OutboundHttpOptions = {}): Promise<{ status: number; text: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MultiWAError("VALIDATION_FAILED", `Not a URL: ${url}`, { details: { field: "url" } });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new MultiWAError("VALIDATION_FAILED", "Only http and https URLs are allowed", { details: { field: "url" } });
  if (!o.allowPrivateTargets) await assertPublicTarget(url);
  const headers: Record<string, string> = { "user-agent": "MultiWA-Automation", ...init.headers };
  if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  if (init.secret && init.body !== undefined) headers[SIGNATURE_HEADER] = signPayload(init.secret, init.body);
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(url, { method: init.method ?? "GET", headers, body: init.body, redirect: "error", signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
  } catch (cause) {
    const timeout = (cause as Error).name === "TimeoutError";
    throw new MultiWAError(timeout ? "TIMEOUT" : "SEND_FAILED", `${init.method ?? "GET"} ${parsed.origin}${parsed.pathname} ${timeout ? "timed out" : `failed: ${(cause as Error).message}`}`, { cause });
  }
  const text = (await res.text()).slice(0, MAX_BODY);
  if (!res.ok) throw new MultiWAError("SEND_FAILED", `${init.method ?? "GET"} ${parsed.origin}${parsed.pathname} answered ${res.status}`, { details: { status: res.status } });
  return { status: res.status, text };
}
