import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";
import { createMultiWA } from "../../src/multiwa.js";

const fast = { perMinute: 0, jitterMs: 0, dailyCap: 0, minDelayMs: 20 };
const phone = (i: number) => `62813100${String(i).padStart(4, "0")}`;
const LINE_1 = "628100000001";
const LINE_2 = "628100000002";

async function twoLines() {
  const network = new MockNetwork();
  const wa = await createMultiWA({
    storage: createStorage(),
    engines: {
      one: mockEngine({ network, autoPair: LINE_1 }),
      two: mockEngine({ network, autoPair: LINE_2 }),
    },
    pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    limitWindowMs: 1_500,
  });
  await wa.profiles.create({ id: "p1", name: "p1", workspaceId: "acme", engine: "one" });
  await wa.profiles.create({ id: "p2", name: "p2", workspaceId: "acme", engine: "two" });
  await wa.sessions.start("p1");
  await wa.sessions.start("p2");
  for (let i = 0; i < 6; i++) {
    network.phone(phone(i));
    await wa.contacts.upsert("acme", { phone: phone(i), tags: ["list"] });
  }
  return { wa, network };
}

// Issue #21: a send WhatsApp refuses for a limit pauses that profile, not the campaign; its recipients are not
// failed but sent after the window, each exactly once.
describe("campaigns and WhatsApp's limits", { timeout: 60_000 }, () => {
  it("pauses the refused profile with the reason, goes on with the other, and resumes after the window", async () => {
    const { wa, network } = await twoLines();
    const until = Date.now() + 2_500;
    // Only refusals show it (no notification): the engine's failed event carries WhatsApp's end.
    network.limits.set(LINE_1, { kind: "reachout_timelock", until }, false);
    const campaign = await wa.campaigns.create("acme", {
      name: "Limited",
      profileIds: ["p1", "p2"],
      audience: { tags: ["list"] },
      message: { text: "Hello" },
      pacing: fast,
      start: true,
    });
    const get = () => wa.campaigns.get("acme", campaign.id);
    await expect
      .poll(async () => (await get()).progress.limited, { timeout: 10_000 })
      .toEqual([{ profileId: "p1", kind: "reachout_timelock", until }]);
    // p2's half goes out while p1 waits; p1's recipients are pending, not failed.
    await expect.poll(async () => (await get()).progress.delivered, { timeout: 10_000 }).toBe(3);
    const paused = await get();
    expect(paused.status).toBe("running");
    expect(paused.progress).toMatchObject({ failed: 0, pending: 3 });
    expect(await wa.limits.get("p1")).toMatchObject({ limited: true, limits: [{ kind: "reachout_timelock", until }] });
    expect((await wa.limits.get("p2")).limited).toBe(false);

    await expect.poll(async () => (await get()).status, { timeout: 15_000 }).toBe("completed");
    const done = await get();
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(done.progress).toMatchObject({ total: 6, failed: 0, pending: 0, delivered: 6 });
    expect(done.progress.limited).toBeUndefined();
    for (let i = 0; i < 6; i++) expect(network.phone(phone(i)).messages()).toHaveLength(1);
    await wa.close();
  });

  it("pauses a profile WhatsApp announced as limited before any send, until the end it gave", async () => {
    const { wa, network } = await twoLines();
    const until = Date.now() + 2_000;
    network.limits.set(LINE_1, { kind: "new_chat_cap", until });
    await expect.poll(async () => (await wa.limits.get("p1")).limited).toBe(true);
    const campaign = await wa.campaigns.create("acme", {
      name: "Announced",
      profileIds: ["p1", "p2"],
      audience: { tags: ["list"] },
      message: { text: "Hi" },
      pacing: fast,
      start: true,
    });
    const get = () => wa.campaigns.get("acme", campaign.id);
    await expect.poll(async () => (await get()).progress.limited?.[0]?.kind, { timeout: 10_000 }).toBe("new_chat_cap");
    await expect.poll(async () => (await get()).status, { timeout: 15_000 }).toBe("completed");
    expect((await get()).progress).toMatchObject({ failed: 0, delivered: 6 });
    for (let i = 0; i < 6; i++) expect(network.phone(phone(i)).messages()).toHaveLength(1);
    await wa.close();
  });
});
