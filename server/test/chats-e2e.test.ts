import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { json, loginProfile, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Issue #20 through the gateway: archive, pin, mute, mark unread, delete, clear and star; chat list
// filters; and the phone's own changes landing in the chat list. On real Baileys + the simulator's
// app state, and on the mock engine.
type ChatRow = { id: string; archived: boolean; pinned: boolean; mutedUntil?: number; markedUnread: boolean };

describe("chats on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  const p = "/api/profiles/line";
  const chat = async (id: string) =>
    (await json<ChatRow[]>(server.api(`${p}/chats?limit=500`))).find((c) => c.id === id);

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    server = await baileysGatewayWithProfile(sim, me, "line", { name: "Line" });
    await alice.sendText(me, "hi from alice");
    await bob.sendText(me, "hi from bob");
    await until(async () => !!(await chat(bob.jid)), 10_000);
    // The first server start of a run builds the gateway, which takes minutes on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
  });

  it("archives, pins, mutes and marks unread on the phone's app state, and the list shows it", async () => {
    const until = Date.now() + 3_600_000;
    // The first app-state write may race the phone's key share right after login.
    const patched = await (async () => {
      for (let i = 0; ; i++) {
        const res = await server.api(`${p}/chats/${alice.pn}`, {
          method: "PATCH",
          json: { archived: true, pinned: true, mutedUntil: until, unread: true },
        });
        if (res.status === 200 || i > 20) return res;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      id: alice.jid,
      archived: true,
      pinned: true,
      mutedUntil: until,
      markedUnread: true,
    });
    expect(me.chatSettings(alice)).toEqual({ archived: true, pinned: true, mutedUntil: until, markedUnread: true });
    const archived = await json<ChatRow[]>(server.api(`${p}/chats?archived=true`));
    expect(archived.map((c) => c.id)).toEqual([alice.jid]);
    expect((await json<ChatRow[]>(server.api(`${p}/chats?archived=false`))).map((c) => c.id)).toContain(bob.jid);
    const unmuted = await json<ChatRow>(
      server.api(`${p}/chats/${alice.pn}`, { method: "PATCH", json: { mutedUntil: null, archived: false } }),
    );
    expect(unmuted).toMatchObject({ archived: false, pinned: true, markedUnread: true });
    expect(unmuted.mutedUntil).toBeUndefined();
    expect(me.chatSettings(alice).mutedUntil).toBeUndefined();
  });

  it("refuses an empty or malformed change with a field, and bad filters", async () => {
    const empty = await server.api(`${p}/chats/${alice.pn}`, { method: "PATCH", json: {} });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ code: "VALIDATION_FAILED" });
    const bad = await server.api(`${p}/chats/${alice.pn}`, { method: "PATCH", json: { mutedUntil: "soon" } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: "mutedUntil" });
    expect((await server.api(`${p}/chats?archived=maybe`)).status).toBe(422);
    expect((await server.api(`${p}/chats?before=xyz`)).status).toBe(422);
  });

  it("pages the list by keyset and filters groups and unread", async () => {
    const [first] = await json<(ChatRow & { updatedAt: number })[]>(server.api(`${p}/chats?limit=1`));
    const rest = await json<ChatRow[]>(
      server.api(`${p}/chats?limit=10&before=${first!.updatedAt}.${encodeURIComponent(first!.id)}`),
    );
    expect(rest.map((c) => c.id)).not.toContain(first!.id);
    expect(rest.length).toBeGreaterThan(0);
    expect(await json<ChatRow[]>(server.api(`${p}/chats?groups=true`))).toEqual([]);
    expect((await json<ChatRow[]>(server.api(`${p}/chats?unread=true`))).map((c) => c.id)).toContain(alice.jid);
  });

  it("the phone's archive, pin, mute and read reach the chat list (app-state sync)", async () => {
    me.changeChat(bob, { archive: true });
    me.changeChat(bob, { pin: true });
    const mute = Date.now() + 60_000;
    me.changeChat(bob, { mute });
    await until(async () => {
      const c = await chat(bob.jid);
      return c?.archived && c.pinned && c.mutedUntil === mute;
    }, 10_000);
    me.changeChat(alice, { markRead: true });
    await until(async () => (await chat(alice.jid))?.markedUnread === false, 10_000);
  });

  it("stars a message from the history, clears and deletes chats, and audits every change", async () => {
    const { messages } = await json<{ messages: { id: string }[] }>(server.api(`${p}/chats/${alice.pn}/messages`));
    const star = await server.api(`${p}/messages/${messages[0]!.id}/star`, { method: "POST", json: {} });
    expect(star.status).toBe(204);
    const starred = me.appState.value(["star", alice.jid, messages[0]!.id, "0", "0"]);
    expect(starred?.starAction?.starred).toBe(true);
    expect((await server.api(`${p}/messages/nope/star`, { method: "POST", json: {} })).status).toBe(404);

    expect((await server.api(`${p}/chats/${alice.pn}/clear`, { method: "POST" })).status).toBe(204);
    expect(me.appState.value(["clearChat", alice.jid, "1", "0"])).toBeTruthy();
    expect((await json<{ messages: unknown[] }>(server.api(`${p}/chats/${alice.pn}/messages`))).messages).toEqual([]);
    expect(await chat(alice.jid)).toBeTruthy();

    expect((await server.api(`${p}/chats/${alice.pn}`, { method: "DELETE" })).status).toBe(204);
    expect(me.appState.value(["deleteChat", alice.jid, "1"])).toBeTruthy();
    expect(await chat(alice.jid)).toBeUndefined();

    const audit = await (await server.api("/api/audit?limit=200")).text();
    for (const path of [
      "PATCH /api/profiles/{id}/chats/{chatId}",
      "/chats/{chatId}/clear",
      "/messages/{messageId}/star",
    ])
      expect(audit).toContain(path);
    expect(audit).toContain("DELETE /api/profiles/{id}/chats/{chatId}");
  });
});

describe("chats on the mock engine", () => {
  let server: RunningServer;
  const p = "/api/profiles/desk";
  const peer = "628222000778";

  beforeAll(async () => {
    server = await startServer();
    await loginProfile(server, "desk", "628111000778");
    await server.api(`${p}/messages`, { method: "POST", json: { to: peer, content: { type: "text", text: "hi" } } });
    await until(async () => (await json<ChatRow[]>(server.api(`${p}/chats`))).length > 0, 10_000);
  }, 120_000);
  afterAll(() => server?.stop());

  it("archives, pins, mutes and marks unread, filters, stars, clears and deletes", async () => {
    const mutedUntil = Date.now() + 3_600_000;
    expect(
      await json<ChatRow>(server.api(`${p}/chats/${peer}`, { method: "PATCH", json: { mutedUntil, unread: true } })),
    ).toMatchObject({ mutedUntil, markedUnread: true });
    expect((await json<ChatRow[]>(server.api(`${p}/chats?unread=true`))).map((c) => c.id)).toEqual([
      `${peer}@s.whatsapp.net`,
    ]);
    expect(
      await json<ChatRow>(
        server.api(`${p}/chats/${peer}`, { method: "PATCH", json: { mutedUntil: null, unread: false } }),
      ),
    ).toMatchObject({ markedUnread: false });
    const patched = await json<ChatRow>(
      server.api(`${p}/chats/${peer}`, { method: "PATCH", json: { archived: true, pinned: true } }),
    );
    expect(patched).toMatchObject({ id: `${peer}@s.whatsapp.net`, archived: true, pinned: true });
    expect((await json<ChatRow[]>(server.api(`${p}/chats?archived=true`))).map((c) => c.id)).toEqual([
      `${peer}@s.whatsapp.net`,
    ]);
    expect(await json<ChatRow[]>(server.api(`${p}/chats?archived=false`))).toEqual([]);
    const { messages } = await json<{ messages: { id: string }[] }>(server.api(`${p}/chats/${peer}/messages`));
    expect((await server.api(`${p}/messages/${messages[0]!.id}/star`, { method: "POST", json: {} })).status).toBe(204);
    expect((await server.api(`${p}/chats/${peer}/clear`, { method: "POST" })).status).toBe(204);
    expect((await server.api(`${p}/chats/${peer}`, { method: "DELETE" })).status).toBe(204);
    expect(await json<ChatRow[]>(server.api(`${p}/chats`))).toEqual([]);
  });
});
