import type { Campaign } from "~~/shared/types/api";

export type CampaignAction = "start" | "pause" | "resume" | "cancel";

/** What the broadcast wizard sends (`POST /api/campaigns`). */
export interface CampaignInput {
  name: string;
  profileIds: string[];
  audience: { tags?: string[]; contactIds?: string[]; csv?: string };
  message: { text?: string; templateId?: string };
  schedule:
    | { type: "now" }
    | { type: "at"; at: string; timeZone: string }
    | { type: "cron"; cron: string; timeZone: string };
  pacing: { perMinute: number; jitterMs: number; dailyCap: number };
  start: boolean;
}

const LIVE = new Set(["running", "scheduled", "paused"]);

/** Broadcasts of the workspace; progress is polled while any of them is live. */
export function useCampaigns() {
  const campaigns = ref<Campaign[]>([]);
  const loaded = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    try {
      campaigns.value = (await apiFetch<Campaign[]>("/api/campaigns", { query: workspaceQuery() })).sort(
        (a, b) => b.createdAt - a.createdAt,
      );
      loaded.value = true;
    } finally {
      // A second's lag is what a person watching a progress bar can live with, at one request a second.
      if (!disposed && campaigns.value.some((c) => LIVE.has(c.status)))
        timer = setTimeout(() => void refresh().catch(() => undefined), 1000);
    }
  }
  onScopeDispose(() => ((disposed = true), clearTimeout(timer)));

  async function create(input: CampaignInput): Promise<Campaign> {
    const campaign = await apiFetch<Campaign>("/api/campaigns", {
      method: "POST",
      query: workspaceQuery(),
      body: input,
    });
    await refresh();
    return campaign;
  }

  async function act(id: string, action: CampaignAction): Promise<void> {
    await apiFetch(`/api/campaigns/${encodeURIComponent(id)}/${action}`, { method: "POST", query: workspaceQuery() });
    await refresh();
  }

  async function remove(id: string): Promise<void> {
    await apiFetch(`/api/campaigns/${encodeURIComponent(id)}`, { method: "DELETE", query: workspaceQuery() });
    await refresh();
  }

  return { campaigns: shallowReadonly(campaigns), loaded: readonly(loaded), refresh, create, act, remove };
}
