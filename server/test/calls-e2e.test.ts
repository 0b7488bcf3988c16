import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { json, loginProfile, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// #20 through the gateway: calls as an automation trigger (a rule rejects and answers the caller) and the
// stored call log with its outcomes and paging, on real Baileys against the simulator and on mock.
type LoggedCall = { callId: string; from: string; isVideo: boolean; outcome: string };
type CallPage = { calls: LoggedCall[]; next?: string };

describe("call rules and the call log on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let me: SimPhone;
  let alice: SimPhone;
  const p = "/api/profiles/line";

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    server = await baileysGatewayWithProfile(sim, me, "line", {
      name: "Line",
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it("a video-call rule rejects the simulated phone's call and replies; a voice call keeps ringing", async () => {
    const rule = await server.api("/api/rules", {
      method: "POST",
      json: {
        name: "No video calls",
        profileIds: ["line"],
        trigger: { type: "call", media: ["video"] },
        actions: [{ type: "reject_call" }, { type: "reply", text: "Video calls are off; write to us here." }],
      },
    });
    expect(rule.status).toBe(201);
    const video = sim.calls.offer(alice, me, { video: true });
    await until(async () => video.state === "rejected", 15_000);
    const reply = await alice.nextMessage({ filter: (m) => m.sender.startsWith(me.pn), timeoutMs: 15_000 });
    expect(reply.message.conversation ?? reply.message.extendedTextMessage?.text).toBe(
      "Video calls are off; write to us here.",
    );

    const voice = sim.calls.offer(alice, me);
    await until(async () => (await json<CallPage>(server.api(`${p}/calls`))).calls.length === 2, 15_000);
    expect(voice.state).toBe("ringing");
    const log = await json<CallPage>(server.api(`${p}/calls`));
    expect(log.calls.map((c) => [c.callId, c.outcome, c.isVideo, c.from])).toEqual([
      [voice.id, "ringing", false, alice.jid],
      [video.id, "auto_rejected", true, alice.jid],
    ]);

    // Rejected by hand: the log says who did it, and pages newest first.
    expect(
      (await server.api(`${p}/calls/reject`, { method: "POST", json: { callId: voice.id, from: alice.jid } })).status,
    ).toBe(204);
    expect(voice.state).toBe("rejected");
    await until(async () => (await json<CallPage>(server.api(`${p}/calls`))).calls[0]?.outcome === "rejected");
    const first = await json<CallPage>(server.api(`${p}/calls?limit=1`));
    expect(first.calls.map((c) => c.callId)).toEqual([voice.id]);
    const second = await json<CallPage>(server.api(`${p}/calls?limit=1&after=${encodeURIComponent(first.next!)}`));
    expect(second).toEqual({ calls: [expect.objectContaining({ callId: video.id })] });
    const bad = await server.api(`${p}/calls?after=nope`);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "after" });
    const misplaced = await server.api("/api/rules", {
      method: "POST",
      json: { name: "x", trigger: { type: "new_contact" }, actions: [{ type: "reject_call" }] },
    });
    expect(await misplaced.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "actions.0.type" });
  }, 60_000);

  it("a voice call starts a flow in the caller's chat; the simulated phone gets its first message", async () => {
    const flow = await server.api("/api/flows", {
      method: "POST",
      json: {
        name: "Call back",
        status: "active",
        profileIds: ["line"],
        trigger: { type: "call", media: ["voice"] },
        nodes: [
          { id: "s", type: "start", data: {} },
          { id: "m", type: "send_message", data: { content: { type: "text", text: "We will call you back." } } },
        ],
        edges: [{ id: "e", source: "s", target: "m" }],
      },
    });
    expect(flow.status).toBe(201);
    const bob = sim.createPhone({ name: "Bob" });
    const call = sim.calls.offer(bob, me);
    const got = await bob.nextMessage({ filter: (m) => m.sender.startsWith(me.pn), timeoutMs: 15_000 });
    expect(got.message.conversation ?? got.message.extendedTextMessage?.text).toBe("We will call you back.");
    // The video-only rule does not match, and a flow does not reject: the call still rings.
    expect(call.state).toBe("ringing");
  }, 60_000);
});

describe("call rules and the call log on the mock engine", () => {
  let server: RunningServer;
  const p = "/api/profiles/desk";
  const ME = "628111000777";
  const CALLER = "628222000777";

  beforeAll(async () => {
    server = await startServer();
    await loginProfile(server, "desk", ME);
  }, 120_000);
  afterAll(() => server?.stop());

  it("a call rule, a REST reject and the auto-reject setting each end a demo phone's call; the log goes with the profile", async () => {
    await server.api("/api/rules", {
      method: "POST",
      json: {
        name: "No calls",
        trigger: { type: "call" },
        actions: [{ type: "reject_call" }, { type: "reply", text: "No calls, sorry" }],
      },
    });
    const rang = await server.api(`/api/mock/phones/${CALLER}/calls`, { method: "POST", json: { to: ME } });
    expect(rang.status).toBe(201);
    const { callId } = (await rang.json()) as { callId: string };
    await until(
      async () => (await json<CallPage>(server.api(`${p}/calls`))).calls[0]?.outcome === "auto_rejected",
      15_000,
    );
    const inbox = async () =>
      (await json<{ content: { text?: string } }[]>(server.api(`/api/mock/phones/${CALLER}/messages`))).map(
        (m) => m.content.text,
      );
    await until(async () => (await inbox()).includes("No calls, sorry"), 15_000);
    expect((await json<CallPage>(server.api(`${p}/calls`))).calls).toEqual([
      expect.objectContaining({ callId, from: `${CALLER}@s.whatsapp.net`, outcome: "auto_rejected" }),
    ]);
    const stranger = await server.api(`/api/mock/phones/${CALLER}/calls`, { method: "POST", json: { to: "1" } });
    expect(stranger.status).toBeGreaterThanOrEqual(400);
    expect(stranger.status).toBeLessThan(500);

    // Rejected by hand through REST, then by the profile's auto-reject setting with its reply.
    const ring = async () =>
      (
        (await (await server.api(`/api/mock/phones/${CALLER}/calls`, { method: "POST", json: { to: ME } })).json()) as {
          callId: string;
        }
      ).callId;
    await server.api(`/api/rules/${(await json<{ rules: { id: string }[] }>(server.api("/api/rules"))).rules[0]!.id}`, {
      method: "DELETE",
    });
    const byHand = await ring();
    await until(async () => (await json<CallPage>(server.api(`${p}/calls`))).calls[0]?.callId === byHand);
    expect(
      (await server.api(`${p}/calls/reject`, { method: "POST", json: { callId: byHand, from: CALLER } })).status,
    ).toBe(204);
    await until(async () => (await json<CallPage>(server.api(`${p}/calls`))).calls[0]?.outcome === "rejected");
    await server.api(`${p}/calls/settings`, { method: "PUT", json: { autoReject: true, autoReply: "Auto: no calls" } });
    const automatic = await ring();
    await until(async () => {
      const [latest] = (await json<CallPage>(server.api(`${p}/calls`))).calls;
      return latest?.callId === automatic && latest.outcome === "auto_rejected";
    }, 15_000);
    await until(async () => (await inbox()).includes("Auto: no calls"), 15_000);

    expect((await server.api(p, { method: "DELETE" })).status).toBeLessThan(300);
    await loginProfile(server, "desk", ME);
    expect(await json(server.api(`${p}/calls`))).toEqual({ calls: [] });
    // The call settings went with the profile too.
    expect(await json(server.api(`${p}/calls/settings`))).toEqual({ autoReject: false });
  }, 60_000);
});
