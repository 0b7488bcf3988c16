import type { AnalyticsReport, DailyStats } from "@multiwa/sdk";

/** Daily message statistics of the workspace (or one profile), summed per day for the charts. */
export function useAnalytics() {
  const report = ref<AnalyticsReport | null>(null);
  const range = ref(14);
  const profileId = ref("");

  async function refresh(): Promise<void> {
    const to = new Date();
    const from = new Date(to.getTime() - (range.value - 1) * 86_400_000);
    report.value = await useClient().analytics({
      query: { ...workspaceQuery(), from: _day(from), to: _day(to), profileId: profileId.value || undefined },
    });
  }

  /** Every day of the range, with zeros where nothing happened, so the axes are even. */
  const days = computed<DailyStats[]>(() => {
    const byDay = new Map<string, DailyStats>();
    for (const row of report.value?.days ?? []) {
      const sum = byDay.get(row.day) ?? _empty(row.day);
      for (const key of Object.keys(sum) as (keyof DailyStats)[])
        if (key !== "day") (sum[key] as number) += key === "responseMsMax" ? 0 : row[key];
      sum.responseMsMax = Math.max(sum.responseMsMax, row.responseMsMax);
      byDay.set(row.day, sum);
    }
    return Array.from({ length: range.value }, (_, i) => {
      const day = _day(new Date(Date.now() - (range.value - 1 - i) * 86_400_000));
      return byDay.get(day) ?? _empty(day);
    });
  });

  /** Per-profile sums of the range. */
  const profiles = computed(() => {
    const sums = new Map<string, DailyStats>();
    for (const row of report.value?.days ?? []) {
      const sum = sums.get(row.profileId) ?? _empty("");
      for (const key of ["sent", "received", "delivered", "read", "failed", "responses", "responseMsTotal"] as const)
        sum[key] += row[key];
      sums.set(row.profileId, sum);
    }
    return [...sums];
  });

  return { report: readonly(report), range, profileId, refresh, days, profiles };
}

// --- Internal helpers ---

function _day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function _empty(day: string): DailyStats {
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
