import { limitOfError } from "../limits/limits.js";

/** How a message WhatsApp refused for a limit is held; kept in its queued row's payload (survives restarts). */
export interface LimitHold {
  /** When the message is tried again: the limit's end, or the window after the refusal when WhatsApp gave none. */
  until: number;
  /** How many times it was held. */
  holds: number;
  /** When it was first held. */
  since: number;
}

/** A message is failed (WHATSAPP_LIMITED, as without holds) after this many holds … */
export const MAX_LIMIT_HOLDS = 5;
/** … or once it has been held this long in all. */
const MAX_LIMIT_HOLD_MS = 48 * 60 * 60_000;

/**
 * The next hold of a message WhatsApp refused with WHATSAPP_LIMITED (issue #21), or undefined when it is not
 * held: another error, opted out (`holdWhenLimited: false`, which campaign sends set: they pause instead), or
 * past the cap.
 */
export function nextLimitHold(
  error: unknown,
  options: { holdWhenLimited?: boolean },
  previous: LimitHold | undefined,
  windowMs: number,
  now = Date.now(),
): LimitHold | undefined {
  if (options.holdWhenLimited === false) return undefined;
  const limit = limitOfError(error);
  if (!limit) return undefined;
  const holds = (previous?.holds ?? 0) + 1;
  const since = previous?.since ?? now;
  const until = limit.until !== undefined && limit.until > now ? limit.until : now + windowMs;
  if (holds > MAX_LIMIT_HOLDS || until - since > MAX_LIMIT_HOLD_MS) return undefined;
  return { until, holds, since };
}
