import type { MultiWAEvents } from "@multiwa/core";
import { eventStream } from "#lib/authz/streams.js";
import { defineApiHandler } from "#lib/handler.js";
import { campaigns } from "#lib/ops/index.js";

type CampaignEvent = MultiWAEvents["campaign.progress"] | MultiWAEvents["campaign.status"];

export default defineApiHandler(campaigns.campaignEvents, async ({ event, wa, params, workspaceId }) => {
  const campaign = await wa.campaigns.get(workspaceId, params.campaignId);
  const stream = eventStream(event);
  const forward = (name: string) => (payload: CampaignEvent) => {
    if (payload.campaignId === campaign.id && payload.workspaceId === workspaceId)
      void stream.push({ event: name, data: JSON.stringify(payload) });
  };
  const onProgress = forward("campaign.progress");
  const onStatus = forward("campaign.status");
  // Cluster events: the campaign may run on another node.
  wa.clusterEvents.on("campaign.progress", onProgress);
  wa.clusterEvents.on("campaign.status", onStatus);
  stream.onClosed(
    () => (wa.clusterEvents.off("campaign.progress", onProgress), wa.clusterEvents.off("campaign.status", onStatus)),
  );
  // The current state first, so a client that connects late still sees where the campaign stands.
  void stream.push({
    event: "campaign.progress",
    data: JSON.stringify({
      workspaceId,
      campaignId: campaign.id,
      run: campaign.run,
      status: campaign.status,
      progress: campaign.progress,
    }),
  });
  return stream.send();
});
