import type { H3Event } from "h3";

/**
 * One request header. h3's `getRequestHeader` copies every header into a new object on each call, and a
 * send read five of them (≈ 1 % of the gateway's CPU in bench/send-e2e.ts, #18); this reads the one.
 * Repeated headers are joined with ", " as h3 does.
 */
export function requestHeader(event: H3Event, name: string): string | undefined {
  const value = event.node.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.filter(Boolean).join(", ") : value;
}

/** The client's address as h3's `getRequestIP(event, { xForwardedFor: true })` finds it, without the header copy. */
export function clientIp(event: H3Event): string | undefined {
  if (event.context.clientAddress) return event.context.clientAddress as string;
  const forwarded = requestHeader(event, "x-forwarded-for")?.split(",").shift()?.trim();
  return forwarded || event.node.req.socket.remoteAddress || undefined;
}
