import type { Campaign, CreateCampaignBody } from "@multiwa/sdk";

export type CampaignAction = "start" | "pause" | "resume" | "cancel";

/** What the broadcast wizard sends: always a schedule and a pacing (the gateway would default them). */
export type CampaignInput = CreateCampaignBody & Required<Pick<CreateCampaignBody, "schedule" | "pacing">>;

const LIVE = new Set(["running", "scheduled", "paused"]);
const CAMPAIGN_ACTIONS = {
  start: "startCampaign",
  pause: "pauseCampaign",
  resume: "resumeCampaign",
  cancel: "cancelCampaign",
} as const satisfies Record<CampaignAction, string>;

/** Broadcasts of the workspace; progress is polled while any of them is live. */
export function useCampaigns() {
  const client = useClient();
  const campaigns = ref<Campaign[]>([]);
  const loaded = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  async function refresh(): Promise<void> {
    clearTimeout(timer);
    try {
      campaigns.value = (await client.listCampaigns({ query: workspaceQuery() })).sort(
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
    const campaign = await client.createCampaign({ query: workspaceQuery(), body: input });
    await refresh();
    return campaign;
  }

  async function act(id: string, action: CampaignAction): Promise<void> {
    await client[CAMPAIGN_ACTIONS[action]]({ campaignId: id, query: workspaceQuery() });
    await refresh();
  }

  async function remove(id: string): Promise<void> {
    await client.deleteCampaign({ campaignId: id, query: workspaceQuery() });
    await refresh();
  }

  return { campaigns: shallowReadonly(campaigns), loaded: readonly(loaded), refresh, create, act, remove };
}
