import { Cron } from "croner";
import type { Rule } from "./schema.js";

type ScheduleRule = Rule & { trigger: Extract<Rule["trigger"], { type: "schedule" }> };

export function isScheduleRule(rule: Rule): rule is ScheduleRule {
  return rule.trigger.type === "schedule";
}

/** The first time the rule's cron fires after `after`, or undefined when never. */
export function nextFire(rule: ScheduleRule, after: number): number | undefined {
  return new Cron(rule.trigger.cron, { timezone: rule.trigger.timezone, paused: true })
    .nextRun(new Date(after))
    ?.getTime();
}

/**
 * Calls `tick` every `everyMs` (unref'd). Schedule rules are checked on each tick against a due time
 * saved per (rule, profile), so a tick missed during a restart still fires once, not once per tick.
 */
export function startClock(tick: () => Promise<void>, everyMs: number): { stop(): void } {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void tick().finally(() => (busy = false));
  }, everyMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
