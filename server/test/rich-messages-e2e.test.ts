import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type ReceivedMessage, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { hookReceiver, type HookReceiver } from "./helpers/hook-receiver.js";
import { json, until } from "./helpers/mock-gateway.js";
import { type RunningServer } from "./helpers/server.js";

// Issue #21, rich messages through the gateway on real Baileys + simulator: events (create, answer
// both ways, encrypted like poll votes), polls with several answers, view-once media (arrived as
// `unknown` behind its wrapper) and live location (each position was a new chat message).
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
type Hook = { event: string; body: string };
type History = { messages: { id: string; content: Record<string, unknown> & { type: string } }[] };

describe("rich messages on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  let hooks: HookReceiver;
  const p = "/api/profiles/line";
  const data = <T>(h: Hook) => JSON.parse(h.body).data as T;
  const hooksOf = <T>(event: string) => hooks.events.filter((e) => e.event === event).map((e) => data<T>(e));
  const send = (to: string, content: Record<string, unknown>) =>
    server.api(`${p}/messages`, { method: "POST", json: { to, content } });
  const received = (phone: SimPhone, filter: (m: ReceivedMessage) => boolean) =>
    phone.nextMessage({ filter, timeoutMs: 15_000 });

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    hooks = await hookReceiver();
    // The first server start of a run builds the gateway, which takes minutes on a busy machine.
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" }, { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    await server.api("/api/webhooks", {
      method: "POST",
      json: { url: hooks.url, events: ["message.received", "event.response", "location.live", "poll.vote"] },
    });
  }, 300_000);
  afterAll(async () => {
    hooks?.close();
    await server?.stop();
    await sim?.close();
  });

  it("sends an event the phone sees, and reports the phone's answer as event.response", async () => {
    const start = Date.UTC(2027, 0, 15, 9, 0);
    const res = await send(alice.pn, {
      type: "event",
      name: "Store opening",
      description: "Coffee and cake",
      startTime: start,
      endTime: start + 7_200_000,
      location: { name: "Jl. Sudirman 1", latitude: -6.2, longitude: 106.8 },
    });
    expect(res.status).toBe(202);
    const { id } = await json<{ id: string }>(res);
    const event = await received(alice, (m) => m.id === id);
    expect(event.message.eventMessage).toMatchObject({
      name: "Store opening",
      description: "Coffee and cake",
      location: { name: "Jl. Sudirman 1" },
    });
    expect(Number(event.message.eventMessage!.startTime)).toBe(start / 1000);
    expect(Number(event.message.eventMessage!.endTime)).toBe(start / 1000 + 7200);
    expect(event.message.messageContextInfo?.messageSecret?.length).toBe(32);

    await alice.respondEvent(event, "going");
    const answer = await until(
      async () => hooksOf<{ eventId: string }>("event.response").find((e) => e.eventId === id),
      15_000,
    );
    expect(answer).toMatchObject({ profileId: "line", chatId: alice.jid, responder: alice.jid, response: "going" });
    // The answer is no chat message.
    const { messages } = await json<History>(server.api(`${p}/chats/${alice.pn}/messages?limit=100`));
    expect(messages.map((m) => m.content.type)).not.toContain("unknown");
    expect(messages.find((m) => m.id === id)?.content).toMatchObject({ type: "event", name: "Store opening" });
  });

  it("receives a phone's event as content type event and answers it; the phone decrypts the answer", async () => {
    const start = Date.UTC(2027, 1, 1, 18, 30);
    const sent = await bob.sendEvent(me, { name: "Team dinner", startTime: start, location: { name: "Warung" } });
    const hook = await until(
      async () => hooksOf<{ id: string; content: unknown }>("message.received").find((m) => m.id === sent.id),
      15_000,
    );
    expect(hook.content).toEqual({
      type: "event",
      name: "Team dinner",
      startTime: start,
      location: { name: "Warung" },
    });

    const res = await send(bob.pn, { type: "event_response", target: { id: sent.id }, response: "maybe" });
    expect(res.status).toBe(202);
    const { id } = await json<{ id: string }>(res);
    const answer = await received(bob, (m) => m.id === id);
    expect(bob.eventResponseOf(answer, sent)).toBe("maybe");

    const bad = await send(bob.pn, { type: "event_response", target: { id: sent.id }, response: "yes" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "content.response" });
    const backwards = await send(bob.pn, { type: "event", name: "x", startTime: start, endTime: start - 1 });
    expect(backwards.status).toBe(422);
    expect(await backwards.json()).toMatchObject({ field: "content.endTime" });
  });

  it("sends a poll with several answers; a vote for two options reaches poll.vote and the history", async () => {
    const res = await send(alice.pn, {
      type: "poll",
      name: "Which days?",
      options: ["Mon", "Tue", "Wed"],
      selectableCount: 2,
    });
    expect(res.status).toBe(202);
    const { id } = await json<{ id: string }>(res);
    const poll = await received(alice, (m) => m.id === id);
    const creation = poll.message.pollCreationMessage ?? poll.message.pollCreationMessageV3;
    expect(creation?.selectableOptionsCount).toBe(2);
    await alice.votePoll(poll, ["Mon", "Wed"]);
    const vote = await until(async () => hooksOf<{ pollId: string }>("poll.vote").find((v) => v.pollId === id), 15_000);
    expect(vote).toMatchObject({ voter: alice.jid, selected: ["Mon", "Wed"] });
    await until(async () => {
      const { messages } = await json<History>(server.api(`${p}/chats/${alice.pn}/messages?limit=100`));
      const votes = messages.find((m) => m.id === id)?.content.votes as Record<string, string[]> | undefined;
      return votes?.[alice.jid]?.length === 2 ? votes : undefined;
    }, 15_000);
  });

  it("receives view-once media as the media with viewOnce, downloadable", async () => {
    const sent = await alice.sendViewOnce(me, "image", { data: JPEG, mimetype: "image/jpeg", caption: "once" });
    const hook = await until(
      async () => hooksOf<{ id: string; content: unknown }>("message.received").find((m) => m.id === sent.id),
      15_000,
    );
    expect(hook.content).toMatchObject({ type: "image", caption: "once", mimetype: "image/jpeg", viewOnce: true });
    const media = await until(async () => {
      const r = await server.api(`${p}/messages/${sent.id}/media`);
      return r.status === 200 ? Buffer.from(await r.arrayBuffer()) : undefined;
    }, 15_000);
    expect(media).toEqual(JPEG);
  });

  it("receives a live location share as one message and its later positions as location.live", async () => {
    const first = await bob.sendLiveLocation(me, {
      latitude: -6.2,
      longitude: 106.8,
      accuracy: 10,
      caption: "on my way",
      sequence: 1,
    });
    const hook = await until(
      async () => hooksOf<{ id: string; content: unknown }>("message.received").find((m) => m.id === first.id),
      15_000,
    );
    expect(hook.content).toEqual({
      type: "location",
      latitude: -6.2,
      longitude: 106.8,
      live: true,
      caption: "on my way",
      accuracy: 10,
      sequence: 1,
    });
    const next = await bob.sendLiveLocation(me, { latitude: -6.21, longitude: 106.81, accuracy: 5, sequence: 2 });
    const update = await until(
      async () => hooksOf<{ sequence: number }>("location.live").find((u) => u.sequence === 2),
      15_000,
    );
    expect(update).toMatchObject({
      id: first.id,
      chatId: bob.jid,
      sender: bob.jid,
      latitude: -6.21,
      longitude: 106.81,
      accuracy: 5,
    });
    // The later position is no chat message of its own.
    expect(hooksOf<{ id: string }>("message.received").some((m) => m.id === next.id)).toBe(false);
    const { messages } = await json<History>(server.api(`${p}/chats/${bob.pn}/messages?limit=100`));
    expect(messages.some((m) => m.id === next.id)).toBe(false);
  });
});
