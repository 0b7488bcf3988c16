import type { MultiWA } from "@multiwa/core";
import { nextEvent } from "@multiwa/core/testing";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkedMultiWA } from "./harness/linked.js";

// Issue #21: the engine recognises WhatsApp's limits on new chats from what WhatsApp really sends — a 463 in
// the message ack, the mex timelock/capping notifications and the answers to the mex queries — on real
// Baileys rc14 against the simulator.
describe("WhatsApp's limits on the Baileys engine", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let wa: MultiWA;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Me" });
    wa = await linkedMultiWA(sim, me);
  });
  afterAll(async () => {
    await wa?.close();
    await sim?.close();
  });

  it("fails a message WhatsApp refused with 463 as WHATSAPP_LIMITED, with the timelock's end it asked for", async () => {
    const stranger = sim.createPhone({ name: "Stranger" });
    const until = Date.now() + 90_000;
    // Without the notification: the engine learns the lock from the refusal and asks WhatsApp for its end.
    sim.limits.timelock(me, { until, enforcementType: "BIZ_QUALITY" }, false);
    const failed = nextEvent(wa, "message.failed", (e) => e.profileId === "p");
    const limit = nextEvent(wa, "profile.limit", (e) => e.active);
    // holdWhenLimited: false — this suite checks the engine's refusal; the outbox's hold (which would keep the
    // message queued instead) has its own tests. CI failed here once the hold became the default.
    const record = await wa.messages.sendAndWait("p", {
      to: stranger.jid,
      content: { type: "text", text: "hello" },
      options: { holdWhenLimited: false },
    });
    const event = await failed;
    expect(event.id).toBe(record.id);
    expect(event.error).toMatchObject({
      code: "WHATSAPP_LIMITED",
      details: { kind: "reachout_timelock", error: 463, source: "whatsapp", until: Math.floor(until / 1000) * 1000 },
    });
    expect(await limit).toMatchObject({
      kind: "reachout_timelock",
      active: true,
      until: Math.floor(until / 1000) * 1000,
      detail: "BIZ_QUALITY",
      source: "whatsapp",
    });
    await expect.poll(async () => (await wa.messages.get("p", record.id))?.status).toBe("failed");
    // The profile's limit state, for the API and campaigns.
    await expect
      .poll(() => wa.limits.get("p"))
      .toMatchObject({
        limited: true,
        limits: [
          { kind: "reachout_timelock", active: true, until: Math.floor(until / 1000) * 1000, source: "whatsapp" },
        ],
      });
    expect(stranger.inbox.all).toHaveLength(0);
  });

  it("reports the timelock WhatsApp announces and lifts", async () => {
    const lifted = nextEvent(wa, "profile.limit", (e) => e.kind === "reachout_timelock" && !e.active);
    sim.limits.timelock(me, null);
    expect(await lifted).toEqual({ profileId: "p", kind: "reachout_timelock", active: false, source: "whatsapp" });
    await expect.poll(async () => (await wa.limits.get("p")).limited).toBe(false);
    const set = nextEvent(wa, "profile.limit", (e) => e.kind === "reachout_timelock" && e.active);
    sim.limits.timelock(me, { until: Date.now() + 60_000 });
    expect((await set).source).toBe("whatsapp");
    sim.limits.timelock(me, null);
  });

  it("reports new-chat capping with its quota and cycle end", async () => {
    const cycleEnd = Date.now() + 3_600_000;
    const capped = nextEvent(wa, "profile.limit", (e) => e.kind === "new_chat_cap");
    sim.limits.capping(me, { until: cycleEnd, quota: 50 });
    expect(await capped).toEqual({
      profileId: "p",
      kind: "new_chat_cap",
      active: true,
      until: Math.floor(cycleEnd / 1000) * 1000,
      detail: "CAPPED",
      quota: { total: 50, used: 50 },
      source: "whatsapp",
    });
    // A refused send under the cap alone: WhatsApp's answer to the capping query names it.
    const failed = nextEvent(wa, "message.failed", (e) => e.profileId === "p");
    const stranger = sim.createPhone({ name: "Another stranger" });
    await wa.messages.sendAndWait("p", {
      to: stranger.jid,
      content: { type: "text", text: "hi" },
      options: { holdWhenLimited: false },
    });
    expect((await failed).error.details).toMatchObject({ kind: "new_chat_cap", error: 463 });
    sim.limits.capping(me, null);
  });
});
