import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { MockNetwork } from "../../src/engines/mock.js";
import { NS, safeKey } from "../../src/storage/namespaces.js";
import { mockGateway } from "../helpers/mock.js";

const phones = ["628300000001", "628300000002", "628300000003", "628300000004"];

describe("campaign crash windows", () => {
  it("does not send twice when a crash left a queued message without its idempotency key", async () => {
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
    // Recreate the window between the outbox writes: item saved, key not yet; the cursor not saved either.
    await storage.removeItem(`${NS.idempotency}:p:${safeKey(`campaign:${c.id}:1:${phones[2]}`)}`);
    await storage.setItem(`campaignrun:w:${c.id}`, { run: 1, cursor: 0, total: phones.length });

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
