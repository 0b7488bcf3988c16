import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import type { EngineEventName, EngineSession } from "../../src/engine/types.js";
import { mockChats, mockEngine, MockNetwork } from "../../src/engines/mock.js";

/** Issue #20: the mock engine's chat settings behave like WhatsApp's app state across linked sessions. */
describe("mock engine chats", () => {
  const linked = async (network: MockNetwork, phone: string) => {
    const events: { event: EngineEventName; payload: unknown }[] = [];
    const session: EngineSession = mockEngine({ network, autoPair: phone }).createSession({
      profileId: `p${Math.random()}`,
      storage: createStorage(),
      logger: console,
      emit: (event, payload) => events.push({ event, payload }),
    });
    await session.connect();
    return { session, events: () => events.filter((e) => e.event === "chat.update" || e.event === "message.starred") };
  };

  it("a change from one session is kept for the account and reported to every linked session", async () => {
    const network = new MockNetwork();
    const a = await linked(network, "628111");
    const b = await linked(network, "628111");
    await a.session.archiveChat!("62822@s.whatsapp.net", true);
    await a.session.muteChat!("62822@s.whatsapp.net", 1_900_000_000_000);
    expect(mockChats(network, "628111").settings("62822@s.whatsapp.net")).toEqual({
      archived: true,
      pinned: false,
      mutedUntil: 1_900_000_000_000,
      unread: false,
    });
    expect(b.events().map((e) => e.payload)).toEqual([
      { chatId: "62822@s.whatsapp.net", archived: true },
      { chatId: "62822@s.whatsapp.net", mutedUntil: 1_900_000_000_000 },
    ]);
    expect(a.events()).toHaveLength(2);
  });

  it("the phone's own change, a star and a delete reach the session; other accounts hear nothing", async () => {
    const network = new MockNetwork();
    const a = await linked(network, "628111");
    const other = await linked(network, "628999");
    mockChats(network, "628111").change("62822@s.whatsapp.net", { type: "pin", pinned: true });
    await a.session.starMessage!("62822@s.whatsapp.net", { id: "M1", fromMe: true }, true);
    expect(mockChats(network, "628111").isStarred("62822@s.whatsapp.net", "M1")).toBe(true);
    await a.session.deleteChat!("62822@s.whatsapp.net");
    expect(mockChats(network, "628111").settings("62822@s.whatsapp.net").pinned).toBe(false);
    expect(a.events().map((e) => e.payload)).toEqual([
      { chatId: "62822@s.whatsapp.net", pinned: true },
      { chatId: "62822@s.whatsapp.net", id: "M1", fromMe: true, starred: true },
      { chatId: "62822@s.whatsapp.net", deleted: true },
    ]);
    expect(other.events()).toEqual([]);
  });

  it("refuses changes while not connected", async () => {
    const network = new MockNetwork();
    const a = await linked(network, "628111");
    await a.session.disconnect();
    await expect(a.session.clearChat!("x@s.whatsapp.net")).rejects.toMatchObject({
      code: "ENGINE_NOT_CONNECTED",
    });
  });
});
