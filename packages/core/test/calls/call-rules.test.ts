import { describe, expect, it } from "vitest";
import { RuleIndex } from "../../src/automation/rule-index.js";
import { isMultiWAError } from "../../src/errors.js";
import { automationGateway, ME_JID, PEER, PEER_JID, sleep, texts } from "../automation/helpers.js";

// #20: calls as an automation trigger (a rule rejects and answers the caller) and the stored call log,
// on the mock engine: the mock network's phone rings the profile like WhatsApp would.
describe("call rules and the call log on the mock engine", { timeout: 60_000 }, () => {
  it("matches call triggers by media and caller only for calls", () => {
    const index = new RuleIndex<string>();
    index.add("any", { type: "call", media: ["voice", "video"] });
    index.add("video", { type: "call", media: ["video"] }, 1);
    index.add("boss", { type: "call", media: ["voice"], callers: ["+62 811-000"] }, 2);
    const call = (media: "voice" | "video", from = PEER_JID) => ({
      text: "",
      type: "call",
      isNewContact: false,
      call: { media, from },
    });
    expect(index.match(call("voice"))).toEqual(["any"]);
    expect(index.match(call("video"))).toEqual(["video", "any"]);
    expect(index.match(call("voice", "62811000@s.whatsapp.net"))).toEqual(["boss", "any"]);
    // A message never fires a call rule.
    expect(index.match({ text: "call me", type: "text", isNewContact: true })).toEqual([]);
  });

  it("a rule rejects the call, replies and tags the caller; the log says so; cooldown keeps rejecting", async () => {
    const { wa, network, peer } = await automationGateway();
    await wa.automation.rules.create("acme", {
      name: "no calls",
      trigger: { type: "call" },
      actions: [
        { type: "reject_call" },
        { type: "reply", text: "Calls are off, {{phone}}; write here." },
        { type: "add_tag", tag: "caller" },
      ],
    });
    await wa.automation.rules.create("acme", {
      name: "video only",
      priority: 5,
      stopProcessing: false,
      trigger: { type: "call", media: ["video"] },
      actions: [{ type: "reply", text: "No video please" }],
    });
    const first = peer.call(ME_JID);
    await expect.poll(() => network.calls.state(first), { timeout: 5000 }).toBe("rejected");
    const reply = await peer.nextMessage(() => true, 5000);
    expect(texts([reply])).toEqual([`Calls are off, ${PEER}; write here.`]);
    await expect.poll(async () => (await wa.contacts.find("acme", PEER_JID))?.tags).toEqual(["caller"]);

    // Within the cooldown: rejected again, answered no more.
    const second = peer.call(ME_JID);
    await expect.poll(() => network.calls.state(second), { timeout: 5000 }).toBe("rejected");
    await sleep(300);
    expect(peer.messages()).toHaveLength(0);

    const log = await wa.calls.log("p1");
    expect(log.calls.map((c) => [c.callId, c.outcome, c.from, c.isVideo])).toEqual([
      [second, "auto_rejected", PEER_JID, false],
      [first, "auto_rejected", PEER_JID, false],
    ]);
    expect(log.calls[0]!.endedAt).toBeGreaterThanOrEqual(log.calls[0]!.offeredAt);
    await wa.close();
  });

  it("logs a call the gateway rejects by hand, and one the caller hung up; pages newest first", async () => {
    const { wa, network, peer } = await automationGateway();
    const ringing = peer.call(ME_JID, { video: true });
    await expect.poll(async () => (await wa.calls.log("p1")).calls.length).toBe(1);
    expect((await wa.calls.log("p1")).calls[0]).toMatchObject({ callId: ringing, outcome: "ringing", isVideo: true });
    await wa.calls.reject("p1", { callId: ringing, from: PEER });
    const hungUp = peer.call(ME_JID);
    await sleep(20);
    network.calls.end(hungUp, "terminated");
    await expect
      .poll(async () => (await wa.calls.log("p1")).calls.map((c) => c.outcome))
      .toEqual(["terminated", "rejected"]);

    const page1 = await wa.calls.log("p1", { limit: 1 });
    expect(page1.calls.map((c) => c.callId)).toEqual([hungUp]);
    const page2 = await wa.calls.log("p1", { limit: 1, after: page1.next! });
    expect(page2).toEqual({ calls: [expect.objectContaining({ callId: ringing })] });
    const bad = await wa.calls.log("p1", { after: "nope" }).catch((e: unknown) => e);
    expect(isMultiWAError(bad, "VALIDATION_FAILED")).toBe(true);

    // Removed with the profile.
    await wa.profiles.remove("p1");
    expect((await wa.calls.log("p1")).calls).toEqual([]);
    await wa.close();
  });

  it("refuses reject_call outside a call rule and a caller that is no number", async () => {
    const { wa } = await automationGateway();
    const refused = (input: unknown) => wa.automation.rules.create("acme", input as never).catch((e: unknown) => e);
    const misplaced = await refused({
      name: "x",
      trigger: { type: "new_contact" },
      actions: [{ type: "reject_call" }],
    });
    expect(misplaced).toMatchObject({ code: "VALIDATION_FAILED", details: { field: "actions.0.type" } });
    const caller = await refused({
      name: "x",
      trigger: { type: "call", callers: ["boss"] },
      actions: [{ type: "reject_call" }],
    });
    expect(caller).toMatchObject({ code: "INVALID_JID", details: { field: "trigger.callers.0" } });
    const rule = await wa.automation.rules.create("acme", {
      name: "kw",
      trigger: { type: "keyword", keywords: ["hi"] },
      actions: [{ type: "reply", text: "hey" }],
    });
    const patched = await wa.automation.rules
      .update("acme", rule.id, { actions: [{ type: "reject_call" }] })
      .catch((e: unknown) => e);
    expect(isMultiWAError(patched, "VALIDATION_FAILED")).toBe(true);
    await wa.close();
  });

  it("a video call starts a flow that asks the caller what they need; a voice call does not", async () => {
    const { wa, network, peer } = await automationGateway();
    await wa.automation.flows.create("acme", {
      name: "Missed call",
      status: "active",
      trigger: { type: "call", media: ["video"] },
      nodes: [
        { id: "s", type: "start", data: {} },
        {
          id: "m",
          type: "send_message",
          data: { content: { type: "text", text: "Sorry we missed you. How can we help?" } },
        },
      ],
      edges: [{ id: "e", source: "s", target: "m" }],
    });
    const voice = peer.call(ME_JID);
    await sleep(300);
    expect(peer.messages()).toHaveLength(0);
    network.calls.end(voice, "terminated");
    peer.call(ME_JID, { video: true });
    expect(texts([await peer.nextMessage(() => true, 5000)])).toEqual(["Sorry we missed you. How can we help?"]);
    await wa.close();
  });
});
