import { afterEach, describe, expect, it, vi } from "vitest";
import { CampaignPacer } from "../../src/broadcast/pacer.js";
import { dayIn, nextRunAt } from "../../src/broadcast/schedule.js";

describe("campaign schedule", () => {
  it("reads times without an offset in the schedule's time zone", () => {
    expect(nextRunAt({ type: "at", at: "2026-12-01T09:00", timeZone: "Asia/Jakarta" })).toBe(
      Date.parse("2026-12-01T02:00:00Z"),
    );
    expect(nextRunAt({ type: "at", at: "2026-12-01T09:00:00+01:00", timeZone: "Asia/Jakarta" })).toBe(
      Date.parse("2026-12-01T08:00:00Z"),
    );
    // Mondays 09:00 in New York, across the end of daylight saving time.
    const after = Date.parse("2026-10-27T00:00:00Z");
    expect(nextRunAt({ type: "cron", cron: "0 9 * * 1", timeZone: "America/New_York" }, after)).toBe(
      Date.parse("2026-11-02T14:00:00Z"),
    );
    expect(nextRunAt({ type: "now" })).toBeUndefined();
    expect(dayIn("Asia/Jakarta", Date.parse("2026-11-24T18:00:00Z"))).toBe("2026-11-25");
  });
});

describe("campaign pacer", () => {
  afterEach(() => vi.useRealTimers());

  it("keeps the configured average rate whatever the jitter", async () => {
    vi.useFakeTimers();
    const pacer = new CampaignPacer({ perMinute: 120, jitterMs: 400, dailyCap: 0 }, 1);
    const start = Date.now();
    const times: number[] = [];
    for (let i = 0; i < 61; i++) {
      const waiting = pacer.wait();
      await vi.runAllTimersAsync();
      await waiting;
      times.push(Date.now() - start);
    }
    // 60 gaps of 500 ms on average: the last send lands within one jitter of 30 s.
    expect(Math.abs(times.at(-1)! - 30_000)).toBeLessThanOrEqual(200);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(new Set(gaps).size).toBeGreaterThan(5);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(500 - 400);
  });

  it("doubles the campaign rate with two profiles in rotation", () => {
    expect(new CampaignPacer({ perMinute: 30, jitterMs: 0, dailyCap: 0 }, 2).interval).toBe(1000);
  });
});
