import { and, asc, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/types.js";
import { analyticsDaily as daily } from "./table.js";

export interface DailyStats {
  day: string;
  sent: number;
  received: number;
  delivered: number;
  read: number;
  failed: number;
  /** Contacts that wrote to the profile that day. */
  activeContacts: number;
  /** First replies after an inbound message: count, total and worst time. */
  responses: number;
  responseMsTotal: number;
  responseMsMax: number;
}

type Counter = Exclude<keyof DailyStats, "day" | "responseMsMax">;

const FLUSH_MS = 1000;
const COUNTERS = [
  "sent",
  "received",
  "delivered",
  "read",
  "failed",
  "activeContacts",
  "responses",
  "responseMsTotal",
] as const satisfies readonly Counter[];

/**
 * Per-profile, per-day message counters, updated from events as they happen (no scans). Counts
 * collect in memory and are added in SQL every second by one upsert of increments, so any number of
 * nodes may count the same profile and day (a profile moving between nodes) without losing any;
 * a crash loses at most the last second.
 */
export class Analytics {
  private readonly pending = new Map<string, DailyStats>();
  private readonly contactsSeen = new Map<string, Set<string>>();
  private readonly awaitingReply = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  count(profileId: string, counter: Counter, by = 1): void {
    this.bucket(profileId)[counter] += by;
    this.schedule();
  }

  /** An inbound message: counts it, its contact once a day, and starts a response timer for the chat. */
  received(profileId: string, chatId: string, sender: string): void {
    this.count(profileId, "received");
    const day = dayOf(this.now());
    const seenKey = `${profileId}:${day}`;
    const seen = this.contactsSeen.get(seenKey) ?? new Set();
    if (!this.contactsSeen.has(seenKey)) (this.contactsSeen.clear(), this.contactsSeen.set(seenKey, seen));
    if (!seen.has(sender)) (seen.add(sender), this.count(profileId, "activeContacts"));
    if (!this.awaitingReply.has(`${profileId}|${chatId}`)) this.awaitingReply.set(`${profileId}|${chatId}`, this.now());
  }

  /** An outbound message: counts it and, if it answers a waiting chat, the response time. */
  sent(profileId: string, chatId: string): void {
    this.count(profileId, "sent");
    const since = this.awaitingReply.get(`${profileId}|${chatId}`);
    if (since === undefined) return;
    this.awaitingReply.delete(`${profileId}|${chatId}`);
    const ms = this.now() - since;
    const bucket = this.bucket(profileId);
    bucket.responses++;
    bucket.responseMsTotal += ms;
    bucket.responseMsMax = Math.max(bucket.responseMsMax, ms);
  }

  /** Days from `from` to `to` (YYYY-MM-DD, inclusive) for the given profiles, plus totals. */
  async summary(
    profileIds: string[],
    range: { from?: string; to?: string } = {},
  ): Promise<{ days: (DailyStats & { profileId: string })[]; totals: DailyStats }> {
    await this.flush();
    const rows = profileIds.length
      ? await this.db
          .select()
          .from(daily)
          .where(
            and(
              inArray(daily.profileId, profileIds),
              range.from ? gte(daily.day, range.from) : undefined,
              range.to ? lte(daily.day, range.to) : undefined,
            ),
          )
          .orderBy(asc(daily.day))
      : [];
    const order = new Map(profileIds.map((id, i) => [id, i]));
    const days = rows.sort((a, b) => order.get(a.profileId)! - order.get(b.profileId)! || a.day.localeCompare(b.day));
    const totals = days.reduce((t, d) => merge(t, d), empty("total"));
    return { days, totals };
  }

  /** Adds what was counted since the last flush: one statement for every (profile, day). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return;
    const batch = [...this.pending.entries()].map(([key, delta]) => ({
      ...delta,
      profileId: key.slice(0, key.lastIndexOf(":")),
    }));
    this.pending.clear();
    const add = Object.fromEntries(
      COUNTERS.map((c) => [c, sql`${daily[c]} + excluded.${sql.identifier(daily[c].name)}`]),
    );
    try {
      await this.db
        .insert(daily)
        .values(batch)
        .onConflictDoUpdate({
          target: [daily.profileId, daily.day],
          set: { ...add, responseMsMax: sql`greatest(${daily.responseMsMax}, excluded.response_ms_max)` },
        });
    } catch (error) {
      // Kept for the next flush rather than lost.
      for (const { profileId, ...delta } of batch) {
        const key = `${profileId}:${delta.day}`;
        this.pending.set(key, merge(this.pending.get(key) ?? empty(delta.day), delta));
      }
      this.schedule();
      throw error;
    }
  }

  // --- Internal helpers ---

  private bucket(profileId: string): DailyStats {
    const day = dayOf(this.now());
    const key = `${profileId}:${day}`;
    let bucket = this.pending.get(key);
    if (!bucket) this.pending.set(key, (bucket = empty(day)));
    return bucket;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS);
    this.timer.unref?.();
  }
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function empty(day: string): DailyStats {
  return {
    day,
    sent: 0,
    received: 0,
    delivered: 0,
    read: 0,
    failed: 0,
    activeContacts: 0,
    responses: 0,
    responseMsTotal: 0,
    responseMsMax: 0,
  };
}

function merge(a: DailyStats, b: DailyStats): DailyStats {
  return {
    day: a.day,
    sent: a.sent + b.sent,
    received: a.received + b.received,
    delivered: a.delivered + b.delivered,
    read: a.read + b.read,
    failed: a.failed + b.failed,
    activeContacts: a.activeContacts + b.activeContacts,
    responses: a.responses + b.responses,
    responseMsTotal: a.responseMsTotal + b.responseMsTotal,
    responseMsMax: Math.max(a.responseMsMax, b.responseMsMax),
  };
}
