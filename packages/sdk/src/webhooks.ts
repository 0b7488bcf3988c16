/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export const SIGNATURE_HEADER = "x-multiwa-signature";
/** The event name of a delivery. */
export const EVENT_HEADER = "x-multiwa-event";
/** Stable across retries: dedupe deliveries on it. */
export const DELIVERY_HEADER = "x-multiwa-delivery";

export interface VerifyOptions {
  /** Maximum age of the signed timestamp, against replays. @default 300 */
  toleranceSeconds?: number;
  /** The current time in unix seconds (for tests). */
  now?: number;
}

/**
 * Checks a webhook's signature header against the raw request body (the exact bytes received, not
 * re-serialised JSON) and the webhook's secret. Uses Web Crypto, so it runs in Node, Deno, Bun and
 * edge runtimes.
 * @example
 * if (!(await verifyWebhookSignature(req.headers["x-multiwa-signature"], rawBody, secret))) return res.writeHead(401).end();
 */
export async function verifyWebhookSignature(
  header: string | null | undefined,
  body: string | Uint8Array,
  secret: string,
  options: VerifyOptions = {},
): Promise<boolean> {
  if (!header || !secret) return false;
  const parts = new Map(
    header.split(",").map((p) => {
      const [key = "", ...rest] = p.trim().split("=");
      return [key, rest.join("=")] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  const expected = await hmacHex(secret, `${timestamp}.${text}`);
  return constantTimeEqual(expected, given.toLowerCase());
}

/**
 * Like `verifyWebhookSignature`, then parses the body.
 * @throws TypeError when the signature is missing, wrong or too old.
 */
export async function parseWebhook<T = { event: string; profileId?: string; data: unknown }>(
  header: string | null | undefined,
  body: string,
  secret: string,
  options?: VerifyOptions,
): Promise<T> {
  if (!(await verifyWebhookSignature(header, body, secret, options)))
    throw new TypeError("Invalid or expired MultiWA webhook signature");
  return JSON.parse(body) as T;
}

// --- Internal helpers ---

async function hmacHex(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return Array.from(signature, (b) => b.toString(16).padStart(2, "0")).join("");
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
