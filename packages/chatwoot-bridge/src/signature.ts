import { createHmac, timingSafeEqual } from "node:crypto";

/** MultiWA's `x-multiwa-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, with a replay window. */
export function verifyGatewaySignature(header: string | undefined, rawBody: string, secret: string, toleranceSeconds = 300): boolean {
  if (!header || !secret) return false;
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  return safeEqual(createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex"), given);
}

/** Constant-time string comparison (for the Chatwoot shared secret too). */
export function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
