import type { MultiWA } from "@multiwa/core";
import { credentialIsLive } from "../auth.js";

/** How often an open stream re-checks its credential: revocation, expiry and logout close it within this. */
export const STREAM_RECHECK_MS = 500;

/**
 * Calls `close` once the credential stops working (key revoked or expired, session logged out or expired).
 * Returns the function that stops watching. Read-through checks, so a revocation on another node counts too.
 */
export function watchCredential(wa: MultiWA, token: string, close: () => void, everyMs = STREAM_RECHECK_MS): () => void {
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
