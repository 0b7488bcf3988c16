import type { EngineEventName, EngineEvents, EngineSession } from "@multiwa/core";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { createStorage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baileysEngine } from "../src/index.js";

type Seen = { event: EngineEventName; payload: unknown };

/** Issue #20: chat settings through the engine port, both ways, on real Baileys + the simulator's app state. */
describe("baileys chats (app-state sync)", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let session: EngineSession;
  const seen: Seen[] = [];
  const waiters = new Set<(s: Seen) => void>();

  const next = <K extends EngineEventName>(event: K, match: (p: EngineEvents[K]) => boolean) =>
    new Promise<EngineEvents[K]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event}`)), 10_000);
      const waiter = (s: Seen) => {
        if (s.event !== event || !match(s.payload as EngineEvents[K])) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(s.payload as EngineEvents[K]);
      };
      waiters.add(waiter);
    });

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Me" });
    alice = sim.createPhone({ name: "Alice" });
    const engine = baileysEngine(sim.clientOptions());
    const storage = createStorage();
    // As the core's runtime does: a new session after the 515 that follows pairing.
    const open = () => {
      session = engine.createSession({
        profileId: "chats",
        storage,
        logger: { debug() {}, info() {}, warn() {}, error() {} },
        emit: (event, payload) => {
          const s = { event, payload };
          seen.push(s);
          if (event === "qr") void me.scanQr((payload as { qr: string }).qr);
          const update = payload as EngineEvents["connection.update"];
          if (event === "connection.update" && update.state === "close" && update.reason === "restart_required")
            void open();
          for (const w of [...waiters]) w(s);
        },
      });
      return session.connect();
    };
    const opened = next("connection.update", (u) => u.state === "open");
    await open();
    await opened;
    // The phone's key share lands right after login; Baileys refuses app-state writes without it.
    for (let i = 0; i < 100 && !me.companions.values().next().value?.appStateShared; i++)
      await new Promise((r) => setTimeout(r, 100));
  }, 60_000);

  afterAll(async () => {
    await session?.disconnect();
    await sim?.close();
  });

  it("archive, pin, mute and mark unread reach the phone's app state", async () => {
    // Retried: the key share may still be in flight on the client side for a moment.
    await expect
      .poll(
        () =>
          session.archiveChat!(alice.jid, true).then(
            () => true,
            () => false,
          ),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    const until = Date.now() + 3_600_000;
    await session.pinChat!(alice.jid, true);
    await session.muteChat!(alice.jid, until);
    await session.markChatUnread!(alice.jid, true);
    expect(me.chatSettings(alice)).toEqual({ archived: true, pinned: true, mutedUntil: until, markedUnread: true });
    await session.muteChat!(alice.jid, null);
    await session.archiveChat!(alice.jid, false);
    expect(me.chatSettings(alice)).toEqual({ archived: false, pinned: true, markedUnread: true });
  });

  it("star, clear and delete are written as WhatsApp's indexes", async () => {
    await session.starMessage!(alice.jid, { id: "ABC", fromMe: false }, true);
    expect(me.appState.value(["star", alice.jid, "ABC", "0", "0"])?.starAction?.starred).toBe(true);
    await session.clearChat!(alice.jid);
    expect(me.appState.value(["clearChat", alice.jid, "1", "0"])).toBeTruthy();
    await session.deleteChat!(alice.jid);
    expect(me.appState.value(["deleteChat", alice.jid, "1"])).toBeTruthy();
  });

  it("phone-side changes arrive as chat.update and message.starred", async () => {
    const archived = next("chat.update", (e) => e.chatId === alice.jid && e.archived === true);
    me.changeChat(alice, { archive: true });
    await archived;
    const pinned = next("chat.update", (e) => e.chatId === alice.jid && e.pinned === false);
    me.changeChat(alice, { pin: false });
    await pinned;
    const until = Date.now() + 60_000;
    const muted = next("chat.update", (e) => e.chatId === alice.jid && e.mutedUntil === until);
    me.changeChat(alice, { mute: until });
    await muted;
    const read = next("chat.update", (e) => e.chatId === alice.jid && e.unread === false);
    me.changeChat(alice, { markRead: true });
    await read;
    const star = next("message.starred", (e) => e.id === "XYZ");
    me.changeChat(alice, { star: { id: "XYZ", fromMe: true, starred: true } });
    expect(await star).toEqual({ chatId: alice.jid, id: "XYZ", fromMe: true, starred: true });
    const deleted = next("chat.update", (e) => e.chatId === alice.jid && e.deleted === true);
    me.changeChat(alice, { delete: true });
    await deleted;
  });
});
