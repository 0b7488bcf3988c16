import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { CampaignProgress } from "../../src/broadcast/schema.js";
import type { MultiWAEvents } from "../../src/events.js";
import { outboxMessages } from "../../src/outbox/table.js";
import { mockGateway } from "../helpers/mock.js";

// A whole campaign has to finish: under CI load that took longer than expect.poll's default 1 s.
const SLOW = { timeout: 15_000 };
const fast = { perMinute: 0, jitterMs: 0, dailyCap: 0 };

async function gateway(profiles = ["p1"]) {
  const g = await mockGateway();
  for (const id of profiles) {
    await g.wa.profiles.create({ id, name: id, workspaceId: "acme" });
    await g.wa.sessions.start(id);
  }
  for (let i = 0; i < 30; i++)
    await g.wa.contacts.upsert("acme", {
      phone: `62812000${String(i).padStart(4, "0")}`,
      name: `Person ${i}`,
      tags: i % 3 === 0 ? ["vip"] : ["all"],
      fields: { code: `C${i}` },
      optOut: i === 3,
    });
  return g;
}

describe("broadcast campaigns", { timeout: 120_000 }, () => {
  it("sends a personalised message to a tag audience once each, skips opt-outs and reports progress", async () => {
    const { wa, network } = await gateway();
    const events: MultiWAEvents["campaign.progress"][] = [];
    wa.on("campaign.progress", (e) => events.push(e));
    const campaign = await wa.campaigns.create("acme", {
      name: "VIP",
      profileIds: ["p1"],
      audience: { tags: ["vip"] },
      message: { text: "Hi {{firstName}}, code {{custom.code}}" },
      pacing: fast,
    });
    await expect.poll(() => wa.campaigns.get("acme", campaign.id).then((c) => c.status), SLOW).toBe("completed");
    const done = await wa.campaigns.get("acme", campaign.id);
    expect(done.progress).toMatchObject({ total: 10, skipped: 1, failed: 0, pending: 0, queued: 0 });
    expect(done.progress.sent + done.progress.delivered + done.progress.read).toBe(9);
    expect(
      network
        .phone("628120000006")
        .messages()
        .map((m) => m.content),
    ).toEqual([{ type: "text", text: "Hi Person, code C6" }]);
    expect(network.phone("628120000003").messages()).toEqual([]);
    await expect.poll(() => events.at(-1)?.progress.delivered, SLOW).toBe(9);
    expect(events.at(-1)).toMatchObject({ workspaceId: "acme", campaignId: campaign.id, profileId: "p1", run: 1 });
    // Other workspaces do not see it.
    await expect(wa.campaigns.get("other", campaign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await wa.campaigns.list("other")).toEqual([]);
    await wa.close();
  });

  it("rotates across profiles, uses a template and counts its usage", async () => {
    const { wa, network } = await gateway(["p1", "p2"]);
    const template = await wa.templates.create("acme", { name: "Promo", body: "{{name|friend}}: {{custom.code}}" });
    const campaign = await wa.campaigns.create("acme", {
      name: "All",
      profileIds: ["p1", "p2"],
      audience: { tags: ["all"] },
      message: { templateId: template.id },
      pacing: fast,
    });
    await expect.poll(() => wa.campaigns.get("acme", campaign.id).then((c) => c.status), SLOW).toBe("completed");
    const sent = [...Array(30).keys()]
      .filter((i) => i % 3 !== 0)
      .map((i) => network.phone(`62812000${String(i).padStart(4, "0")}`).messages());
    expect(sent.every((m) => m.length === 1)).toBe(true);
    const senders = new Set(sent.map((m) => m[0]!.chatId));
    expect(senders.size).toBe(1); // both profiles are linked to the same mock number, so check the records instead
    const perProfile = await wa.database.db
      .select({ profileId: outboxMessages.profileId, n: count() })
      .from(outboxMessages)
      .groupBy(outboxMessages.profileId)
      .orderBy(outboxMessages.profileId);
    expect(perProfile).toEqual([
      { profileId: "p1", n: 10 },
      { profileId: "p2", n: 10 },
    ]);
    await expect.poll(async () => (await wa.templates.get("acme", template.id)).usage.timesUsed, SLOW).toBe(20);
    await wa.close();
  });

  it("pauses, resumes and cancels without sending anyone twice", async () => {
    const { wa, network } = await gateway();
    const campaign = await wa.campaigns.create("acme", {
      name: "Slow",
      profileIds: ["p1"],
      audience: { tags: ["all", "vip"] },
      message: { text: "hello {{name}}" },
      pacing: { perMinute: 1200, jitterMs: 0, dailyCap: 0 },
    });
    await expect
      .poll(() => wa.campaigns.get("acme", campaign.id).then((c) => c.progress.pending), { timeout: 5000 })
      .toBeLessThan(27);
    const paused = await wa.campaigns.pause("acme", campaign.id);
    expect(paused.status).toBe("paused");
    const atPause = paused.progress.total - paused.progress.pending;
    await new Promise((r) => setTimeout(r, 200));
    expect((await wa.campaigns.get("acme", campaign.id)).progress.pending).toBe(paused.progress.pending);
    await expect(wa.campaigns.pause("acme", campaign.id)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await wa.campaigns.resume("acme", campaign.id);
    await expect
      .poll(() => wa.campaigns.get("acme", campaign.id).then((c) => c.status), { timeout: 10_000 })
      .toBe("completed");
    const counts = [...Array(30).keys()].map(
      (i) => network.phone(`62812000${String(i).padStart(4, "0")}`).messages().length,
    );
    expect(counts.filter((n) => n > 1)).toEqual([]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(29);
    expect(atPause).toBeGreaterThan(0);

    const second = await wa.campaigns.create("acme", {
      name: "Cancel me",
      profileIds: ["p1"],
      audience: { tags: ["all"] },
      message: { text: "x" },
      pacing: { perMinute: 60, jitterMs: 0, dailyCap: 0 },
    });
    const repaced = await wa.campaigns.update("acme", second.id, { name: "Cancel me soon", pacing: { perMinute: 30 } });
    expect(repaced).toMatchObject({ name: "Cancel me soon", pacing: { perMinute: 30, jitterMs: 0, dailyCap: 0 } });
    const cancelled = await wa.campaigns.cancel("acme", second.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.progress.pending).toBeGreaterThanOrEqual(18);
    await wa.close();
  });

  it("stops at the daily cap and waits for the next day", async () => {
    const { wa } = await gateway();
    const campaign = await wa.campaigns.create("acme", {
      name: "Capped",
      profileIds: ["p1"],
      audience: { tags: ["all"] },
      message: { text: "x" },
      pacing: { perMinute: 0, jitterMs: 0, dailyCap: 5 },
    });
    await expect.poll(() => wa.campaigns.get("acme", campaign.id).then((c) => c.progress.pending), SLOW).toBe(15);
    await new Promise((r) => setTimeout(r, 150));
    const c = await wa.campaigns.get("acme", campaign.id);
    expect(c).toMatchObject({ status: "running", progress: { pending: 15 } });
    await wa.close();
  });

  it("rejects bad input when the campaign is created", async () => {
    const { wa } = await gateway();
    const base = { name: "x", profileIds: ["p1"], audience: { tags: ["vip"] }, pacing: fast };
    await expect(wa.campaigns.create("acme", { ...base, message: { text: "Hi {{nmae}}" } })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(
      wa.campaigns.create("acme", { ...base, message: { templateId: "tpl_missing" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(wa.campaigns.create("other", { ...base, message: { text: "x" } })).rejects.toMatchObject({
      code: "PROFILE_NOT_FOUND",
    });
    await expect(
      wa.campaigns.create("acme", {
        ...base,
        audience: { csv: "phone,name\n628111,ok\nnope,bad\n" },
        message: { text: "x" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", details: { errors: [{ line: 3 }] } });
    await expect(
      wa.campaigns.create("acme", { ...base, schedule: { type: "cron", cron: "not a cron" }, message: { text: "x" } }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await wa.close();
  });

  it("runs at a scheduled time and on a recurring cron, each run with its own keys", async () => {
    const { wa, network } = await gateway();
    const at = new Date(Date.now() + 300).toISOString();
    const once = await wa.campaigns.create("acme", {
      name: "At",
      profileIds: ["p1"],
      audience: { csv: "phone,name\n628555000001,Ann\n" },
      message: { text: "at {{name}}" },
      schedule: { type: "at", at },
      pacing: fast,
    });
    expect(once).toMatchObject({ status: "scheduled", nextRunAt: Date.parse(at), audience: { csvRows: 1 } });
    expect(once.audience).not.toHaveProperty("csv");
    await expect
      .poll(() => wa.campaigns.get("acme", once.id).then((c) => c.status), { timeout: 5000 })
      .toBe("completed");
    const cron = await wa.campaigns.create("acme", {
      name: "Cron",
      profileIds: ["p1"],
      audience: { csv: "phone\n628555000002\n" },
      message: { text: "tick" },
      schedule: { type: "cron", cron: "* * * * * *" },
      pacing: fast,
    });
    await expect
      .poll(() => network.phone("628555000002").messages().length, { timeout: 5000 })
      .toBeGreaterThanOrEqual(2);
    const runs = (await wa.campaigns.get("acme", cron.id)).run;
    expect(runs).toBeGreaterThanOrEqual(2);
    await wa.campaigns.cancel("acme", cron.id);
    expect(
      network
        .phone("628555000001")
        .messages()
        .map((m) => m.content),
    ).toEqual([{ type: "text", text: "at Ann" }]);
    await wa.close();
  });
});

export type { CampaignProgress };
