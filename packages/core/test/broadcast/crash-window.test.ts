import { eq, sql } from "drizzle-orm";
import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { campaignRecipients, campaigns } from "../../src/broadcast/table.js";
import { MockNetwork } from "../../src/engines/mock.js";
import { mockGateway } from "../helpers/mock.js";

const phones = ["628300000001", "628300000002", "628300000003", "628300000004"];

// #19 item 3: message ids derive from idempotency keys, so nothing repairs keys at start-up; this
// guards the window that repair used to cover.
describe("campaign crash windows", () => {
  it("does not send twice when a kill left queued messages but not the campaign's cursor or recipient states", async () => {
    const storage = createStorage();
    const network = new MockNetwork();
    const first = await mockGateway({ storage, network });
    await first.wa.profiles.create({ id: "p", name: "P", workspaceId: "w" });
    for (const phone of phones) await first.wa.contacts.upsert("w", { phone, tags: ["t"] });
    // The profile is not started: every message stays in its outbox, as at a crash.
    const c = await first.wa.campaigns.create("w", {
      name: "c",
      profileIds: ["p"],
      audience: { tags: ["t"] },
      message: { text: "once" },
      pacing: { perMinute: 0, jitterMs: 0, dailyCap: 0 },
    });
    await expect.poll(async () => (await first.wa.campaigns.get("w", c.id)).progress.queued).toBe(phones.length);
    await first.wa.close();
    // Recreate the kill between the queue items and the campaign's record: the outbox holds the four
    // messages, the campaign row and its recipients still say nothing was handled.
    const db = first.wa.database.db;
    await db.update(campaignRecipients).set({ state: "pending" }).where(eq(campaignRecipients.campaignId, c.id));
    await db
      .update(campaigns)
      .set({ cursor: 0, pending: sql`${campaigns.total}`, queued: 0 })
      .where(eq(campaigns.id, c.id));
    expect((await first.wa.database.db.select().from(campaigns).where(eq(campaigns.id, c.id)))[0]).toMatchObject({
      status: "running",
      cursor: 0,
      pending: phones.length,
    });

    const second = await mockGateway({ storage, network });
    await second.wa.sessions.start("p");
    await expect.poll(async () => (await second.wa.campaigns.get("w", c.id)).status).toBe("completed");
    expect(phones.map((p) => network.phone(p).messages().length)).toEqual([1, 1, 1, 1]);
    expect((await second.wa.campaigns.get("w", c.id)).progress).toMatchObject({
      total: 4,
      pending: 0,
      queued: 0,
      failed: 0,
    });
    await second.wa.close();
  });
});
