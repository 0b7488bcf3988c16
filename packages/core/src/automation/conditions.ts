import type { Contact } from "../contacts/schema.js";
import type { RuleCondition } from "./schema.js";

/** Whether every condition of a rule holds for this contact at `now`. */
export function conditionsHold(conditions: RuleCondition[], contact: Contact | undefined, now = Date.now()): boolean {
  return conditions.every((c) => holds(c, contact, now));
}

function holds(c: RuleCondition, contact: Contact | undefined, now: number): boolean {
  switch (c.type) {
    case "has_tag":
      return contact?.tags.includes(c.tag) ?? false;
    case "not_tag":
      return !(contact?.tags.includes(c.tag) ?? false);
    case "field": {
      const value = contact?.fields[c.field];
      if (c.op === "exists") return !!value;
      if (c.op === "not_exists") return !value;
      if (value === undefined) return false;
      const a = value.toLowerCase();
      const b = (c.value ?? "").toLowerCase();
      return c.op === "equals" ? a === b : a.includes(b);
    }
    case "time_window":
      return inWindow(c, now);
  }
}

/** `from`-`to` in the zone's local time; a window like 22:00-06:00 spans midnight. */
export function inWindow(c: { days?: number[]; from: string; to: string; timezone?: string }, now: number): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: c.timezone ?? "UTC",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  const from = toMinutes(c.from);
  const to = toMinutes(c.to);
  const inside = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  // Past midnight, the window belongs to the day it started on.
  const windowDay = from > to && minute < to ? (day + 6) % 7 : day;
  return inside && (!c.days?.length || c.days.includes(windowDay));
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}
