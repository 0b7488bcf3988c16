import type { Storage } from "unstorage";
import { stripBase } from "../storage/namespaces.js";

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

const BASE = "stats";
const FLUSH_MS = 1000;

/**
 * Per-profile, per-day message counters, updated from events as they happen (no scans). Counts
 * collect in memory and are merged into storage every second: the profile's owner node is the
 * only writer, so merging is safe; a crash loses at most the last second.
 */
export class Analytics {
  private readonly pending = new Map<string, DailyStats>();
  private readonly contactsSeen = new Map<string, Set<string>>();
  private readonly awaitingReply = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly storage: Storage,
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
  async summary(profileIds: string[], range: { from?: string; to?: string } = {}): Promise<{ days: (DailyStats & { profileId: string })[]; totals: DailyStats }> {
    await this.flush();
    const days: (DailyStats & { profileId: string })[] = [];
    for (const profileId of profileIds) {
      const base = `${BASE}:${profileId}`;
      const keys = stripBase(await this.storage.getKeys(base), base).filter((d) => (!range.from || d >= range.from) && (!range.to || d <= range.to)).sort();
      for (const day of keys) {
        const stats = await this.storage.getItem<DailyStats>(`${base}:${day}`);
        if (stats) days.push({ ...stats, profileId });
      }
    }
    const totals = days.reduce((t, d) => merge(t, d), empty("total"));
    return { days, totals };
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    for (const [key, delta] of batch) {
      const stored = (await this.storage.getItem<DailyStats>(key)) ?? empty(delta.day);
      await this.storage.setItem(key, merge(stored, delta));
    }
  }

  // --- Internal helpers ---

  private bucket(profileId: string): DailyStats {
    const day = dayOf(this.now());
    const key = `${BASE}:${profileId}:${day}`;
    let bucket = this.pending.get(key);
    if (!bucket) this.pending.set(key, (bucket = empty(day)));
    return bucket;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
    this.timer.unref?.();
  }
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function empty(day: string): DailyStats {
  return { day, sent: 0, received: 0, delivered: 0, read: 0, failed: 0, activeContacts: 0, responses: 0, responseMsTotal: 0, responseMsMax: 0 };
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
