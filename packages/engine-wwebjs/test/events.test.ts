import { beforeEach, describe, expect, it } from "vitest";
import { createStorageFromUrl, type EngineEvents, type WAMessage } from "@multiwa/core";
import { wwebjsEngine } from "../src/index.js";
import type { WwebjsSession } from "../src/session.js";
import type { FakeClient } from "./fake/client.js";
import { fakeEngineOptions, Peer, type FakeSetup } from "./harness.js";

const ALICE = "628220000001";
const BOB = "628220000002";

/** whatsapp-web.js events beyond the conformance suite, between two adapter sessions on one fake WhatsApp. */
describe("wwebjs events", () => {
  let setup: FakeSetup;
  let alice: Peer;
  let bob: Peer;
  const clientOf = (p: Peer) => (p.session as WwebjsSession).client as unknown as FakeClient;
  const eventsOf = <K extends keyof EngineEvents>(p: Peer, name: K) =>
    p.events.filter((e) => e.event === name).map((e) => e.payload as EngineEvents[K]);
  const until = async <T>(read: () => T | undefined): Promise<T> => {
    await expect.poll(read, { timeout: 2000 }).toBeTruthy();
    return read()!;
  };

  beforeEach(async () => {
    setup = fakeEngineOptions();
    alice = await new Peer(ALICE).link(setup);
    bob = await new Peer(BOB).link(setup);
  });

  it("reports receipts under WhatsApp's id and the core's", async () => {
    const sent = await alice.session.send(bob.jid, { type: "text", text: "hi" }, { id: "CORE-R1" });
    expect(sent.id).not.toBe("CORE-R1");
    const delivered = await until(() => eventsOf(alice, "message.delivered")[0]);
    expect(delivered).toMatchObject({ chatId: bob.jid, ids: [sent.id, "CORE-R1"], by: bob.jid });
    await bob.markRead(alice.jid);
    expect(await until(() => eventsOf(alice, "message.read")[0])).toMatchObject({ ids: [sent.id, "CORE-R1"] });
  });

  it("maps vote_update to poll.vote, with option names and the core's poll id", async () => {
    await alice.session.send(
      bob.jid,
      { type: "poll", name: "Lunch?", options: ["Yes", "No"], selectableCount: 1 },
      { id: "CORE-POLL" },
    );
    const poll = await bob.nextMessage();
    setup.network.vote(clientOf(bob), `false_${ALICE}@c.us_${poll.id}`, ["No"]);
    expect(await until(() => eventsOf(alice, "poll.vote")[0])).toEqual({
      chatId: bob.jid,
      pollId: "CORE-POLL",
      voter: bob.jid,
      selected: ["No"],
    });
  });

  it("turns a peer's reaction, edit and revoke into events keyed by the id the gateway knows", async () => {
    const sent = await alice.session.send(bob.jid, { type: "text", text: "original" }, { id: "CORE-T1" });
    await bob.nextMessage();
    await bob.session.send(
      alice.jid,
      { type: "reaction", target: { id: sent.id, fromMe: false }, emoji: "🎉" },
      { id: "B1" },
    );
    expect(await until(() => eventsOf(alice, "message.reaction")[0])).toMatchObject({
      chatId: bob.jid,
      sender: bob.jid,
      emoji: "🎉",
      target: { id: "CORE-T1" },
    });

    await alice.session.send(
      bob.jid,
      { type: "edit", target: { id: "CORE-T1", fromMe: true }, text: "changed" },
      { id: "CORE-E1" },
    );
    expect(await until(() => eventsOf(bob, "message.edited")[0])).toEqual({
      chatId: alice.jid,
      id: sent.id,
      sender: alice.jid,
      text: "changed",
    });
    expect(eventsOf(alice, "message.edited")[0]).toMatchObject({ id: "CORE-T1", text: "changed" });

    await alice.session.send(bob.jid, { type: "delete", target: { id: "CORE-T1", fromMe: true } }, { id: "CORE-D1" });
    expect(await until(() => eventsOf(bob, "message.revoked")[0])).toEqual({
      chatId: alice.jid,
      id: sent.id,
      sender: alice.jid,
    });
    // The reaction was Bob's own; the edit and the revoke reach his inbox too, as the mock engine does.
    expect(bob.inbox.map((m) => m.content.type)).toEqual(["edit", "delete"]);
  });

  it("fails a reaction to a message it cannot find", async () => {
    await expect(
      alice.session.send(bob.jid, { type: "reaction", target: { id: "NOPE" }, emoji: "x" }, { id: "C" }),
    ).rejects.toMatchObject({ code: "MESSAGE_NOT_FOUND" });
  });

  it("downloads media a peer sent", async () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    await alice.session.send(
      bob.jid,
      { type: "document", media: { data: bytes, mimetype: "application/octet-stream" }, fileName: "x.bin" },
      { id: "CORE-M1" },
    );
    const got = await bob.nextMessage();
    expect(got.content).toMatchObject({ type: "document", fileName: "x.bin", size: 4 });
    expect([...(await bob.session.downloadMedia!(got))]).toEqual([...bytes]);
  });

  it("reports group changes as group.update, membership changes as group.participants", async () => {
    const group = await alice.session.groupCreate!("Team", [bob.jid]);
    expect(await until(() => eventsOf(bob, "group.update")[0])).toMatchObject({
      groupId: group.id,
      action: "create",
      author: alice.jid,
    });
    await alice.session.groupParticipants!(group.id, "promote", [bob.jid]);
    expect(await until(() => eventsOf(bob, "group.participants")[0])).toEqual({
      groupId: group.id,
      action: "promote",
      participants: [bob.jid],
      author: alice.jid,
    });
    await bob.session.groupLeave!(group.id);
    expect(await until(() => eventsOf(alice, "group.participants").find((e) => e.action === "leave"))).toMatchObject({
      participants: [bob.jid],
    });
  });

  it("sends typing, recording and paused to the chat", async () => {
    for (const state of ["composing", "recording", "paused"] as const)
      await alice.session.sendPresence!(state, bob.jid);
    await alice.session.sendPresence!("unavailable");
    expect(clientOf(alice).chatStates[`${BOB}@c.us`]).toEqual(["typing", "recording", "paused"]);
    expect(clientOf(alice).presence).toBe("unavailable");
  });

  it("reports messages written on another device of the account as message.sent, but not its own sends", async () => {
    const otherDevice = await new Peer(ALICE).link(setup);
    await otherDevice.session.send(bob.jid, { type: "text", text: "from my phone" }, { id: "X" });
    await alice.session.send(bob.jid, { type: "text", text: "from the gateway" }, { id: "CORE-S1" });
    // Once the gateway's own send is delivered, its message_create has long been handled.
    await until(() => eventsOf(alice, "message.delivered").find((e) => e.ids.includes("CORE-S1")));
    const sent = eventsOf(alice, "message.sent") as WAMessage[];
    expect(sent.map((m) => m.content)).toEqual([{ type: "text", text: "from my phone" }]);
    expect(sent[0]).toMatchObject({ fromMe: true, chatId: bob.jid, sender: alice.jid });
  });

  it("ends as logged_out when the phone unlinks the browser, and as connection_lost when Chromium dies", async () => {
    setup.network.kick(ALICE, "logout");
    expect(await until(() => eventsOf(alice, "connection.update").find((u) => u.state === "close"))).toMatchObject({
      reason: "logged_out",
    });
    setup.network.kick(BOB, "crash");
    expect(await until(() => eventsOf(bob, "connection.update").find((u) => u.state === "close"))).toMatchObject({
      reason: "connection_lost",
    });
  });
});

describe("wwebjs session lifecycle", () => {
  it("starts no browser when stopped before it got going", async () => {
    const setup = fakeEngineOptions();
    let clients = 0;
    const engine = wwebjsEngine({
      ...setup.options,
      createClient: (options, lib) => (clients++, setup.options.createClient!(options, lib)),
    });
    const updates: string[] = [];
    const session = engine.createSession({
      profileId: "early",
      storage: await createStorageFromUrl("memory:"),
      logger: console,
      emit: (e, p) => e === "connection.update" && updates.push((p as { state: string }).state),
    });
    const connecting = session.connect();
    await session.disconnect();
    await connecting;
    expect(clients).toBe(0);
    expect(updates).toEqual(["connecting", "close"]);
  });
});
