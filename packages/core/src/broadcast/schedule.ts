import { Cron } from "croner";
import { MultiWAError } from "../errors.js";
import type { CampaignSchedule } from "./schema.js";

/**
 * When a schedule fires next after `after` (ms since the epoch), or undefined when it never will
 * again. `at` times without an offset and cron patterns are read in the schedule's time zone.
 */
export function nextRunAt(schedule: CampaignSchedule, after = Date.now()): number | undefined {
  if (schedule.type === "now") return undefined;
  try {
    if (schedule.type === "at") {
      const hasOffset = /(Z|[+-]\d\d:?\d\d)$/.test(schedule.at);
      return hasOffset
        ? Date.parse(schedule.at)
        : new Cron(schedule.at, { timezone: schedule.timeZone, paused: true }).nextRun(new Date(0))?.getTime();
    }
    return new Cron(schedule.cron, { timezone: schedule.timeZone, paused: true }).nextRun(new Date(after))?.getTime();
  } catch (cause) {
    throw new MultiWAError("VALIDATION_FAILED", `Invalid schedule: ${(cause as Error).message}`, {
      cause,
      details: { field: "schedule" },
    });
  }
}

/** The calendar day of `at` in a time zone, as YYYY-MM-DD (daily caps reset on it). */
export function dayIn(timeZone: string, at = Date.now()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Runs `fn` at `at`, also when that is further away than setTimeout's 24.8-day limit. */
export function timerAt(at: number, fn: () => void): { cancel(): void } {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const wait = at - Date.now();
    timer = setTimeout(wait > 2 ** 31 - 1 ? arm : fn, Math.max(0, Math.min(wait, 2 ** 31 - 1)));
    timer.unref?.();
  };
  arm();
  return { cancel: () => clearTimeout(timer) };
}
