import type { EngineLogger } from "../engine/types.js";
import { isMultiWAError } from "../errors.js";
import type { Directory } from "./directory.js";

/**
 * Whether a campaign recipient is on WhatsApp, through the profile's cached and rate-limited check: a
 * rate limit waits its turn; an engine that cannot check (or fails to) answers undefined, and the
 * recipient is sent to as without the check.
 */
export async function isOnWhatsApp(
  directory: Directory,
  profileId: string,
  phone: string,
  signal: AbortSignal,
  logger: EngineLogger,
): Promise<boolean | undefined> {
  while (!signal.aborted) {
    try {
      return (await directory.checkNumbers(profileId, { phones: [phone] }))[0]?.exists;
    } catch (error) {
      if (isMultiWAError(error, "RATE_LIMITED")) {
        await wait(Number(error.details.retryAfterMs ?? 1000), signal);
        continue;
      }
      if (!isMultiWAError(error, "CAPABILITY_UNSUPPORTED"))
        logger.warn(`number check for a campaign recipient failed`, (error as Error).message);
      return undefined;
    }
  }
  return undefined;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
