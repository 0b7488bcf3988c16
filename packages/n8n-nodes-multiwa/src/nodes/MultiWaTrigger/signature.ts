import { createHmac, timingSafeEqual } from "node:crypto";

/** MultiWA signs each delivery as `x-multiwa-signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export const SIGNATURE_HEADER = "x-multiwa-signature";

/** Checks the signature over the raw body; a timestamp older than `toleranceSeconds` is a replay. */
export function verifyMultiWaSignature(
  header: unknown,
  rawBody: string,
  secret: string,
  toleranceSeconds = 300,
): boolean {
  if (typeof header !== "string" || !secret) return false;
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex"));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
