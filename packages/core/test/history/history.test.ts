import { afterEach, describe, expect, it } from "vitest";
import type { MultiWA } from "../../src/multiwa.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";

let wa: MultiWA | undefined;
afterEach(async () => wa?.close());

describe("message history", () => {
  it("keeps both directions per chat, pages oldest-first, and counts unread", async () => {
    let network;
    ({ wa, network } = await mockGateway());
    await wa.createProfile({ id: "h", name: "History" });
    await wa.start("h");
    await waitForStatus(wa, "h", "open");
    const peer = network.phone("628299999999");
    for (let i = 0; i < 5; i++) {
      peer.send("628100000001@s.whatsapp.net", { type: "text", text: `in ${i}` });
      await wa.sendAndWait("h", { to: peer.jid, content: { type: "text", text: `out ${i}` } });
    }
    await expect.poll(async () => (await wa!.chatMessages("h", peer.jid, { limit: 100 })).messages.length).toBe(10);
    const [chat] = await wa.chats("h");
    expect(chat).toMatchObject({ id: peer.jid, unread: 5, lastMessage: { fromMe: true, text: "out 4" } });

    const page = await wa.chatMessages("h", peer.jid, { limit: 4 });
    expect(page.messages.map((m) => (m.content as { text: string }).text)).toEqual(["in 3", "out 3", "in 4", "out 4"]);
    const older = await wa.chatMessages("h", peer.jid, { limit: 4, before: page.next });
    expect(older.messages.map((m) => (m.content as { text: string }).text)).toEqual(["in 1", "out 1", "in 2", "out 2"]);

    await wa.markRead("h", peer.jid, [chat!.lastMessage!.id]);
    expect((await wa.chats("h"))[0]!.unread).toBe(0);
    await expect(wa.chats("nope")).rejects.toMatchObject({ code: "PROFILE_NOT_FOUND" });
  });
});
