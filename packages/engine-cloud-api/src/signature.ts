import { createHmac, timingSafeEqual } from "node:crypto";

/** Whether `header` (`sha256=<hex>`) is the HMAC-SHA256 of exactly these bytes with the app secret; constant time. */
export function verifySignature(appSecret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice(7), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The subscription handshake: `hub.mode=subscribe` with our verify token gets `hub.challenge` back. */
export function answerChallenge(verifyToken: string, query: Record<string, string | undefined>): string | undefined {
  if (query["hub.mode"] !== "subscribe" || !query["hub.challenge"]) return undefined;
  const given = Buffer.from(query["hub.verify_token"] ?? "");
  const expected = Buffer.from(verifyToken);
  return given.length === expected.length && timingSafeEqual(given, expected) ? query["hub.challenge"] : undefined;
}
