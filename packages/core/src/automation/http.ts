import { MultiWAError } from "../errors.js";
import type { OutboundClient } from "../net/client.js";
import { signPayload, SIGNATURE_HEADER } from "../net/signature.js";

export interface OutboundHttpOptions {
  /** The gateway's guarded client: private targets only when its policy allows them. */
  client: OutboundClient;
  /** @default 10000 */
  timeoutMs?: number;
}

/** Responses longer than this are cut: they end up in flow variables. */
const MAX_BODY = 64 * 1024;

/**
 * An HTTP call made by automation (http_request node, webhook action, AI). Every call (and redirect
 * hop) goes through the guarded client; redirects are refused; non-2xx answers are errors.
 */
export async function automationFetch(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; secret?: string },
  o: OutboundHttpOptions,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { "user-agent": "MultiWA-Automation", ...init.headers };
  if (init.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
    headers["content-type"] = "application/json";
  if (init.secret && init.body !== undefined) headers[SIGNATURE_HEADER] = signPayload(init.secret, init.body);
  const method = init.method ?? "GET";
  const res = await o.client.request(url, {
    method,
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    timeoutMs: o.timeoutMs ?? 10_000,
    maxBytes: MAX_BODY,
    truncate: true,
  });
  const where = new URL(res.url);
  if (res.status < 200 || res.status >= 300)
    throw new MultiWAError("SEND_FAILED", `${method} ${where.origin}${where.pathname} answered ${res.status}`, {
      details: { status: res.status },
    });
  return { status: res.status, text: res.body.toString("utf8") };
}
