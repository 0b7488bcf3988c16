import { createEventStream, type H3Event } from "h3";
import type { MultiWA } from "@multiwa/core";
import { credentialIsLive } from "../auth.js";

/** How often an open stream re-checks its credential: revocation, expiry and logout close it within this. */
export const STREAM_RECHECK_MS = 500;

/**
 * Calls `close` once the credential stops working (key revoked or expired, session logged out or expired).
 * Returns the function that stops watching. Read-through checks, so a revocation on another node counts too.
 */
export function watchCredential(
  wa: MultiWA,
  token: string,
  close: () => void,
  everyMs = STREAM_RECHECK_MS,
): () => void {
  let stopped = false;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy || stopped) return;
    busy = true;
    const live = await credentialIsLive(wa, token);
    busy = false;
    if (!live && !stopped) {
      stop();
      close();
    }
  }, everyMs);
  timer.unref?.();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}

type EventStream = ReturnType<typeof createEventStream>;

/** An SSE stream the request pipeline can end (on revocation); every event-stream route opens it here. */
export function eventStream(event: H3Event): EventStream {
  const stream = createEventStream(event);
  event.context.eventStream = stream;
  return stream;
}

/** Ends the request's event stream with a `revoked` event, the response closing cleanly. */
export async function endRevoked(event: H3Event): Promise<void> {
  const stream = event.context.eventStream as EventStream | undefined;
  if (!stream) return;
  await stream
    .push({
      event: "revoked",
      data: JSON.stringify({ code: "UNAUTHENTICATED", message: "The API key or session was revoked or expired" }),
    })
    .catch(() => undefined);
  await stream.close().catch(() => undefined);
}
