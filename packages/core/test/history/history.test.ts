import { afterEach, describe, expect, it } from "vitest";
import type { EngineSessionContext } from "../../src/engine/types.js";
import { mockEngine } from "../../src/engines/mock.js";
import type { MultiWA } from "../../src/multiwa.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";

let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

describe("message history", () => {
  it("keeps both directions per chat, pages oldest-first, and counts unread", async () => {
    let network;
    ({ wa, network } = await mockGateway());
    await wa.profiles.create({ id: "h", name: "History" });
    await wa.sessions.start("h");
    await waitForStatus(wa, "h", "open");
    const peer = network.phone("628299999999");
    for (let i = 0; i < 5; i++) {
      peer.send("628100000001@s.whatsapp.net", { type: "text", text: `in ${i}` });
      await wa.messages.sendAndWait("h", { to: peer.jid, content: { type: "text", text: `out ${i}` } });
    }
    await expect.poll(async () => (await wa!.chats.messages("h", peer.jid, { limit: 100 })).messages.length).toBe(10);
    const [chat] = await wa.chats.list("h");
    expect(chat).toMatchObject({ id: peer.jid, unread: 5, lastMessage: { fromMe: true, text: "out 4" } });

    const page = await wa.chats.messages("h", peer.jid, { limit: 4 });
    expect(page.messages.map((m) => (m.content as { text: string }).text)).toEqual(["in 3", "out 3", "in 4", "out 4"]);
    const older = await wa.chats.messages("h", peer.jid, { limit: 4, before: page.next });
    expect(older.messages.map((m) => (m.content as { text: string }).text)).toEqual(["in 1", "out 1", "in 2", "out 2"]);

    await wa.messages.markRead("h", peer.jid, [chat!.lastMessage!.id]);
    expect((await wa.chats.list("h"))[0]!.unread).toBe(0);
    await expect(wa.chats.list("nope")).rejects.toMatchObject({ code: "PROFILE_NOT_FOUND" });
  });

  it("keeps each voter's current poll vote on the poll, across a re-report of the poll", async () => {
    // The mock network has no votes; emit them as an engine would, through the session's context.
    const engine = mockEngine({ autoPair: "628100000001" });
    let ctx: EngineSessionContext | undefined;
    ({ wa } = await mockGateway({
      engines: { mock: { ...engine, createSession: (c) => ((ctx = c), engine.createSession(c)) } },
    }));
    await wa.profiles.create({ id: "h", name: "History" });
    await wa.sessions.start("h");
    await waitForStatus(wa, "h", "open");
    const chat = "628299999999@s.whatsapp.net";
    const poll = await wa.messages.sendAndWait("h", {
      to: chat,
      content: { type: "poll", name: "Lunch?", options: ["Pizza", "Sushi", "Salad"], selectableCount: 1 },
    });
    const stored = async () => (await wa!.chats.messages("h", chat)).messages.find((m) => m.id === poll.id)?.content;
    await expect.poll(stored).toMatchObject({ type: "poll", name: "Lunch?" });

    const alice = "628211111111@s.whatsapp.net";
    const bob = "628222222222@s.whatsapp.net";
    const carol = "628233333333@s.whatsapp.net";
    ctx!.emit("poll.vote", { chatId: chat, pollId: poll.id, voter: alice, selected: ["Pizza"] });
    ctx!.emit("poll.vote", { chatId: chat, pollId: poll.id, voter: bob, selected: ["Sushi"] });
    ctx!.emit("poll.vote", { chatId: chat, pollId: poll.id, voter: carol, selected: ["Sushi"] });
    ctx!.emit("poll.vote", { chatId: chat, pollId: poll.id, voter: alice, selected: ["Salad"] });
    ctx!.emit("poll.vote", { chatId: chat, pollId: poll.id, voter: carol, selected: [] });
    ctx!.emit("poll.vote", { chatId: chat, pollId: "NOT-A-POLL", voter: bob, selected: ["Pizza"] });
    await expect
      .poll(async () => (await stored()) as { votes?: unknown })
      .toMatchObject({ votes: { [alice]: ["Salad"], [bob]: ["Sushi"] } });
    expect(((await stored()) as { votes: object }).votes).toEqual({ [alice]: ["Salad"], [bob]: ["Sushi"] });

    // An engine may report the poll again (after a reconnect): the votes stay.
    const message = (await wa.chats.messages("h", chat)).messages.find((m) => m.id === poll.id)!;
    const { votes: _, ...content } = message.content as { votes: object };
    ctx!.emit("message.sent", { ...message, content: content as typeof message.content });
    ctx!.emit("poll.vote", { chatId: chat, pollId: poll.id, voter: carol, selected: ["Pizza"] });
    await expect
      .poll(async () => ((await stored()) as { votes: object }).votes)
      .toEqual({ [alice]: ["Salad"], [bob]: ["Sushi"], [carol]: ["Pizza"] });
  });
});
