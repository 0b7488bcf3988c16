import { chatModificationToAppPatch, encodeSyncdPatch, newLTHashState, proto } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

/** Issue #20 (chats): app-state ("syncd") patches both ways between a real Baileys client and its phone. */
describe("app-state sync (archive, pin, mute, unread, star, delete, clear)", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let client: LinkedClient;
  const errors: unknown[] = [];

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start({ onError: (e) => errors.push(e) });
    me = sim.createPhone({ name: "Me" });
    alice = sim.createPhone({ name: "Alice" });
    client = await linkClient(sim, me);
    // The phone shares its app-state sync key right after linking.
    if (!client.auth.state.creds.myAppStateKeyId)
      await waitForEvent(client.sock, "creds.update", (c) => !!c.myAppStateKeyId);
    expect(client.auth.state.creds.myAppStateKeyId).toBe(me.appState.keyId.toString("base64"));
  }, 60_000);

  afterAll(async () => {
    client?.sock.end(undefined);
    await sim?.close();
  });

  it("client archive/pin/mute/markRead reach the phone with verified MACs and LT-hash", async () => {
    await client.sock.chatModify({ archive: true, lastMessages: [] }, alice.jid);
    const archived = await me.nextAppStateChange({ filter: (m) => m.index[0] === "archive" });
    expect(archived).toMatchObject({ collection: "regular_low", origin: "client", index: ["archive", alice.jid] });
    await client.sock.chatModify({ pin: true }, alice.jid);
    const until = Date.now() + 3_600_000;
    await client.sock.chatModify({ mute: until }, alice.jid);
    await client.sock.chatModify({ markRead: false, lastMessages: [] }, alice.jid);
    // A second patch on the same index replaces the first in the LT-hash; the server checks it.
    await client.sock.chatModify({ pin: false }, alice.jid);
    expect(me.chatSettings(alice)).toEqual({ archived: true, pinned: false, mutedUntil: until, markedUnread: true });
    expect(me.appState.version("regular_low")).toBe(4);
    expect(me.appState.version("regular_high")).toBe(1);
    expect(errors).toEqual([]);
  });

  it("client star, delete and clear are stored as their Baileys indexes", async () => {
    await client.sock.star(alice.jid, [{ id: "MSG1", fromMe: true }], true);
    await client.sock.chatModify({ clear: true, lastMessages: [] }, alice.jid);
    await client.sock.chatModify({ delete: true, lastMessages: [] }, alice.jid);
    expect(me.appState.value(["star", alice.jid, "MSG1", "1", "0"])?.starAction?.starred).toBe(true);
    expect(me.appState.value(["clearChat", alice.jid, "1", "0"])?.clearChatAction).toBeTruthy();
    expect(me.appState.value(["deleteChat", alice.jid, "1"])?.deleteChatAction).toBeTruthy();
  });

  it("an upload after the phone's own write first fetches it (the server refuses stale versions)", async () => {
    // The phone writes without notifying; the upload must build on v5, or the server answers 409.
    me.appState.write("regular_low", ["pin_v1", "x@s.whatsapp.net"], { pinAction: { pinned: true } }, 5);
    // Baileys resyncs before each upload, so it catches up and the upload still succeeds.
    await client.sock.chatModify({ pin: true }, alice.jid);
    expect(me.chatSettings(alice).pinned).toBe(true);
    expect(me.appState.version("regular_low")).toBe(7);
    expect(errors).toEqual([]);
  });

  it("an upload built on an old version is refused with 409", async () => {
    const key = { keyData: me.appState.keyData } as never;
    const { patch } = await encodeSyncdPatch(
      chatModificationToAppPatch({ pin: true }, alice.jid),
      me.appState.keyId.toString("base64"),
      newLTHashState(),
      async () => key,
    );
    const before = me.appState.version("regular_low");
    const upload = client.sock.query({
      tag: "iq",
      attrs: { to: "s.whatsapp.net", type: "set", xmlns: "w:sync:app:state" },
      content: [
        {
          tag: "sync",
          attrs: {},
          content: [
            {
              tag: "collection",
              attrs: { name: "regular_low", version: "0", return_snapshot: "false" },
              content: [{ tag: "patch", attrs: {}, content: proto.SyncdPatch.encode(patch).finish() }],
            },
          ],
        },
      ],
    });
    await expect(upload).rejects.toMatchObject({ data: 409 });
    expect(me.appState.version("regular_low")).toBe(before);
    errors.length = 0; // the simulator reports the refusal
  });

  it("phone changes reach the client as chats.update / messages.update / chats.delete via server_sync", async () => {
    const archived = waitForEvent(client.sock, "chats.update", (u) =>
      u.some((c) => c.id === alice.jid && c.archived === false),
    );
    me.changeChat(alice, { archive: false });
    await archived;
    const pinned = waitForEvent(client.sock, "chats.update", (u) => u.some((c) => c.id === alice.jid && !!c.pinned));
    me.changeChat(alice, { pin: true });
    await pinned;
    const until = Date.now() + 60_000;
    const muted = waitForEvent(client.sock, "chats.update", (u) =>
      u.some((c) => c.id === alice.jid && c.muteEndTime === until),
    );
    me.changeChat(alice, { mute: until });
    await muted;
    const unread = waitForEvent(client.sock, "chats.update", (u) =>
      u.some((c) => c.id === alice.jid && c.unreadCount === -1),
    );
    me.changeChat(alice, { markRead: false });
    await unread;
    const starred = waitForEvent(client.sock, "messages.update", (u) =>
      u.some((m) => m.key.id === "MSG2" && m.update.starred === true),
    );
    me.changeChat(alice, { star: { id: "MSG2", fromMe: false, starred: true } });
    await starred;
    const deleted = waitForEvent(client.sock, "chats.delete", (ids) => ids.includes(alice.jid));
    me.changeChat(alice, { delete: true });
    await deleted;
    expect(errors).toEqual([]);
  });

  it("changes made while the client was offline arrive after it reconnects", async () => {
    client.sock.end(undefined);
    me.changeChat(alice, { archive: true });
    const reopened = client.open();
    const archived = waitForEvent(reopened, "chats.update", (u) =>
      u.some((c) => c.id === alice.jid && c.archived === true),
    );
    await archived;
  });
});
