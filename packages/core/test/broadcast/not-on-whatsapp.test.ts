import { describe, expect, it } from "vitest";
import { mockGateway } from "../helpers/mock.js";

const fast = { perMinute: 0, jitterMs: 0, dailyCap: 0 };
const phone = (i: number) => `62813000${String(i).padStart(4, "0")}`;

// #20: a campaign can check each number first and skip those not on WhatsApp, counted apart in the progress.
describe("campaigns that skip numbers not on WhatsApp", { timeout: 120_000 }, () => {
  it("sends only to numbers on WhatsApp and counts the others as notOnWhatsApp; without the option it sends to all", async () => {
    const { wa, network } = await mockGateway();
    await wa.profiles.create({ id: "p1", name: "p1", workspaceId: "acme" });
    await wa.sessions.start("p1");
    for (let i = 0; i < 6; i++) await wa.contacts.upsert("acme", { phone: phone(i), tags: ["list"], optOut: i === 5 });
    // Numbers 0, 1 and 5 have an account on the mock WhatsApp; 2, 3 and 4 do not.
    for (const i of [0, 1, 5]) network.phone(phone(i));
    const campaign = await wa.campaigns.create("acme", {
      name: "Checked",
      profileIds: ["p1"],
      audience: { tags: ["list"] },
      message: { text: "Hello" },
      pacing: fast,
      skipNotOnWhatsApp: true,
    });
    await expect
      .poll(() => wa.campaigns.get("acme", campaign.id).then((c) => c.status), { timeout: 20_000 })
      .toBe("completed");
    const done = await wa.campaigns.get("acme", campaign.id);
    expect(done.skipNotOnWhatsApp).toBe(true);
    expect(done.progress).toMatchObject({ total: 6, notOnWhatsApp: 3, skipped: 1, failed: 0, pending: 0 });
    expect(done.progress.sent + done.progress.delivered + done.progress.read).toBe(2);
    for (const i of [2, 3, 4]) expect(network.phone(phone(i)).messages()).toEqual([]);
    expect(network.phone(phone(0)).messages()).toHaveLength(1);
    // The checks are cached: the directory answers these numbers without asking the engine again.
    const cached = await wa.directory.checkNumbers("p1", { phones: [phone(2), phone(0)] });
    expect(cached.map((c) => [c.exists, c.cached])).toEqual([
      [false, true],
      [true, true],
    ]);

    const unchecked = await wa.campaigns.create("acme", {
      name: "Unchecked",
      profileIds: ["p1"],
      audience: { tags: ["list"] },
      message: { text: "Again" },
      pacing: fast,
    });
    await expect
      .poll(() => wa.campaigns.get("acme", unchecked.id).then((c) => c.status), { timeout: 20_000 })
      .toBe("completed");
    expect((await wa.campaigns.get("acme", unchecked.id)).progress).toMatchObject({ notOnWhatsApp: 0, skipped: 1 });
    await wa.close();
  });
});
