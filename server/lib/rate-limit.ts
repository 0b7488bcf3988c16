import { useConfig } from "./config/config.js";

/** Token bucket per API key: `MULTIWA_RATE_LIMIT` requests per second on average, bursts of twice that. */
const buckets = new Map<string, { tokens: number; at: number }>();

const limit = () => useConfig().MULTIWA_RATE_LIMIT;

/** Takes one token; returns 0 when allowed, else the milliseconds until a token is free. */
export function takeToken(keyId: string, now = Date.now()): number {
  const rate = limit();
  const burst = rate * 2;
  const bucket = buckets.get(keyId) ?? { tokens: burst, at: now };
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
  bucket.at = now;
  buckets.set(keyId, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil(((1 - bucket.tokens) / rate) * 1000);
}
