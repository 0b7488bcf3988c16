// Broadcast with @multiwa/sdk: save contacts with a tag, create a campaign for that tag, start it,
// and follow its progress live until it completes.
//   MULTIWA_URL=http://localhost:3000 MULTIWA_API_KEY=… PROFILE_ID=sales RECIPIENTS="6281234567890:Ani,6289876543210:Budi" npx -y pnpm@10 start
import { createClient, MultiWAApiError } from "@multiwa/sdk";

const { MULTIWA_URL, MULTIWA_API_KEY, PROFILE_ID, RECIPIENTS } = process.env;
if (!MULTIWA_URL || !MULTIWA_API_KEY || !PROFILE_ID || !RECIPIENTS) {
  console.error("Set MULTIWA_URL, MULTIWA_API_KEY, PROFILE_ID and RECIPIENTS (phone:name, comma separated)");
  process.exit(2);
}
const client = createClient({ baseUrl: MULTIWA_URL, apiKey: MULTIWA_API_KEY });
const tag = process.env.TAG ?? "sdk-example";

try {
  for (const entry of RECIPIENTS.split(",")) {
    const [phone = "", name] = entry.split(":");
    await client.upsertContact({ body: { phone, ...(name ? { name } : {}), tags: [tag] } });
  }
  const campaign = await client.createCampaign({
    body: {
      name: `SDK example ${new Date().toISOString()}`,
      profileIds: [PROFILE_ID],
      audience: { tags: [tag] },
      message: { text: "Hi {{firstName|there}}, this is a broadcast from the MultiWA SDK." },
      start: false,
    },
  });
  console.log(`CREATED ${campaign.id}`);

  // Subscribe before starting, so no progress event is missed; the stream reconnects by itself.
  const abort = new AbortController();
  const timeout = setTimeout(() => abort.abort(), Number(process.env.TIMEOUT_MS ?? 120_000));
  let status: string = campaign.status;
  for await (const event of client.live.campaign(campaign.id, { signal: abort.signal })) {
    const data = event.data as { status: string; progress?: Record<string, number> };
    // The stream opens with the campaign's current state: the draft is started once we are listening.
    if (status === "draft" && data.status === "draft") {
      status = (await client.startCampaign({ campaignId: campaign.id })).status;
      continue;
    }
    status = data.status;
    if (data.progress) console.log(`PROGRESS ${status} ${JSON.stringify(data.progress)}`);
    if (["completed", "cancelled", "failed"].includes(status)) break;
  }
  clearTimeout(timeout);
  const final = await client.getCampaign({ campaignId: campaign.id });
  console.log(`DONE ${final.status} ${JSON.stringify(final.progress)}`);
  process.exit(final.status === "completed" ? 0 : 1);
} catch (error) {
  // Every gateway refusal carries a code, a message and the offending field.
  if (error instanceof MultiWAApiError)
    console.error(`FAILED ${error.status} ${error.code}: ${error.message}${error.field ? ` (${error.field})` : ""}`);
  else console.error(error);
  process.exit(1);
}
