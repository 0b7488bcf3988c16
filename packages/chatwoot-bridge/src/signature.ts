import { timingSafeEqual } from "node:crypto";

/** Constant-time string comparison for the Chatwoot shared secret (Chatwoot does not sign its webhooks). */
export function safeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
