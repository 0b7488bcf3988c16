import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile } from "./helpers/baileys-gateway.js";
import { hookReceiver, type HookReceiver } from "./helpers/hook-receiver.js";
import { json, loginProfile, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// #20 through the gateway: group administration (list, settings, picture, invites, join requests, mention
// all) and calls (reject, auto-reject with a reply), on real Baileys against the simulator and on mock.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

describe("groups and calls on Baileys + simulator", () => {
  let sim: WhatsAppSimulator;
  let server: RunningServer;
  let me: SimPhone;
  let alice: SimPhone;
  let hooks: HookReceiver;
  const p = "/api/profiles/line";

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Gateway line" });
    alice = sim.createPhone({ name: "Alice" });
    hooks = await hookReceiver();
    server = await baileysGatewayWithProfile(
      sim,
      me,
      "line",
      { name: "Line", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
      { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" },
    );
    await server.api("/api/webhooks", {
      method: "POST",
      json: { url: hooks.url, events: ["group.update", "group.participants", "contact.update"] },
    });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await sim?.close();
    hooks?.close();
  });

  // Issue #20: events for every group change and contact.update reach webhooks (they were tested at the
  // engine only), and a participant event names each member's phone number, not only a LID.
  it("delivers a phone's group changes and a contact's new picture as webhooks, with phone numbers", async () => {
    const bob = sim.createPhone({ name: "Bob" });
    const group = sim.groups.create(alice, "Alice's club", [me]);
    sim.groups.setSubject(group, alice, "Club, renamed");
    sim.groups.update(group, alice, "add", [bob]);
    alice.setPicture(JPEG);
    const delivered = (event: string, text: string) =>
      until(async () => hooks.events.find((e) => e.event === event && e.body.includes(text)), 20_000);
    await delivered("group.update", "Club, renamed");
    const added = (await delivered("group.participants", group.jid)).body;
    expect(added).toContain('"action":"add"');
    expect(added).toContain(bob.pn);
    await delivered("contact.update", alice.pn);
  });

  it("lists groups and changes subject, description, settings and picture, with audit entries", async () => {
    const group = await json<{ id: string }>(
      server.api(`${p}/groups`, { method: "POST", json: { subject: "Desk", participants: [alice.pn] } }),
    );
    const g = `${p}/groups/${group.id}`;
    const updated = await json(
      server.api(g, {
        method: "PATCH",
        json: {
          subject: "Help desk",
          description: "Ask here",
          settings: { announcementOnly: true, ephemeralSeconds: 86400 },
        },
      }),
    );
    expect(updated).toMatchObject({
      subject: "Help desk",
      description: "Ask here",
      settings: { announcementOnly: true, ephemeralSeconds: 86400, locked: false, memberAddMode: "admins" },
    });
    expect(sim.groups.get(group.id)!.admin).toMatchObject({ announce: true, ephemeral: 86400 });
    const listed = await json<{ id: string; subject: string }[]>(server.api(`${p}/groups`));
    expect(listed.find((x) => x.id === group.id)?.subject).toBe("Help desk");

    const bad = await server.api(g, { method: "PATCH", json: { settings: { ephemeralSeconds: 5 } } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "settings.ephemeralSeconds" });
    expect((await server.api(g, { method: "PATCH", json: {} })).status).toBe(422);

    const picture = { image: { base64: JPEG.toString("base64") } };
    expect((await server.api(`${g}/picture`, { method: "PUT", json: picture })).status).toBe(204);
    expect(Buffer.from(sim.groups.get(group.id)!.admin.picture!)).toEqual(JPEG);
    const png = await server.api(`${g}/picture`, { method: "PUT", json: { image: { base64: "iVBORw0KGgo=" } } });
    expect(png.status).toBe(422);
    expect((await server.api(`${g}/picture`, { method: "DELETE" })).status).toBe(204);
    expect(sim.groups.get(group.id)!.admin.picture).toBeUndefined();

    const audit = await (await server.api("/api/audit?limit=200")).text();
    for (const path of ["/groups/{groupId}/picture", "PATCH"]) expect(audit).toContain(path);
  });

  it("reads an invite link without joining, joins, revokes, and decides join requests", async () => {
    const theirs = sim.groups.create(alice, "Alice's club", []);
    const link = `https://chat.whatsapp.com/${theirs.inviteCode}`;
    const info = await json(server.api(`${p}/groups/invite-info`, { method: "POST", json: { invite: link } }));
    expect(info).toMatchObject({ id: theirs.jid, subject: "Alice's club" });
    expect(theirs.participants.has(me)).toBe(false);
    const joined = await json(server.api(`${p}/groups/join`, { method: "POST", json: { invite: link } }));
    expect(joined).toEqual({ groupId: theirs.jid, pending: false });
    expect(theirs.participants.has(me)).toBe(true);
    const badInvite = await server.api(`${p}/groups/join`, { method: "POST", json: { invite: "no!" } });
    expect(await badInvite.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "invite" });

    const mine = await json<{ id: string }>(
      server.api(`${p}/groups`, { method: "POST", json: { subject: "Gated", participants: [alice.pn] } }),
    );
    const g = `${p}/groups/${mine.id}`;
    const before = (await json<{ code: string }>(server.api(`${g}/invite`))).code;
    const revoked = await json<{ code: string; link: string }>(server.api(`${g}/invite/revoke`, { method: "POST" }));
    expect(revoked.code).not.toBe(before);
    expect(revoked.link).toBe(`https://chat.whatsapp.com/${revoked.code}`);

    await server.api(g, { method: "PATCH", json: { settings: { approvalRequired: true } } });
    const carol = sim.createPhone({ name: "Carol" });
    sim.groups.requestJoin(sim.groups.get(mine.id)!, carol);
    const requests = await json<{ jid: string }[]>(server.api(`${g}/requests`));
    expect(requests.map((r) => r.jid)).toEqual([carol.jid]);
    const decided = await json(
      server.api(`${g}/requests`, { method: "POST", json: { action: "approve", participants: [carol.pn] } }),
    );
    expect(decided).toEqual([{ jid: carol.jid, status: "200" }]);
    expect(sim.groups.get(mine.id)!.participants.has(carol)).toBe(true);
  });

  it("mentions every member in one message", async () => {
    const group = await json<{ id: string }>(
      server.api(`${p}/groups`, { method: "POST", json: { subject: "Mentions", participants: [alice.pn] } }),
    );
    const res = await server.api(`${p}/groups/${group.id}/mention-all`, { method: "POST", json: { text: "Hi all" } });
    expect(res.status).toBe(202);
    const got = await alice.nextMessage({ filter: (m) => m.chat === group.id, timeoutMs: 15_000 });
    const text = got.message.extendedTextMessage;
    expect(text?.text).toBe("Hi all");
    expect(text?.contextInfo?.mentionedJid).toEqual(expect.arrayContaining([alice.jid, me.jid]));
  });

  it("rejects a call, and auto-rejects with a reply once the profile asks for it", async () => {
    const call = sim.calls.offer(alice, me);
    await new Promise((r) => setTimeout(r, 300));
    const rejected = await server.api(`${p}/calls/reject`, {
      method: "POST",
      json: { callId: call.id, from: alice.jid },
    });
    expect(rejected.status).toBe(204);
    expect(call.state).toBe("rejected");

    const settings = { autoReject: true, autoReply: "Sorry, we cannot take calls. Write to us here." };
    expect(await json(server.api(`${p}/calls/settings`, { method: "PUT", json: settings }))).toEqual(settings);
    expect(await json(server.api(`${p}/calls/settings`))).toEqual(settings);
    const second = sim.calls.offer(alice, me, { video: true });
    await until(async () => second.state === "rejected", 15_000);
    const reply = await alice.nextMessage({ filter: (m) => m.sender.startsWith(me.pn), timeoutMs: 15_000 });
    expect(reply.message.conversation ?? reply.message.extendedTextMessage?.text).toBe(settings.autoReply);
    const audit = await (await server.api("/api/audit?limit=200")).text();
    expect(audit).toContain("/calls/reject");
  });
});

describe("groups and calls on the mock engine", () => {
  let server: RunningServer;
  const p = "/api/profiles/desk";

  beforeAll(async () => {
    server = await startServer();
    await loginProfile(server, "desk", "628111000888");
  }, 120_000);
  afterAll(() => server?.stop());

  it("changes settings, lists groups, revokes the invite and refuses calls it does not know", async () => {
    const group = await json<{ id: string }>(
      server.api(`${p}/groups`, { method: "POST", json: { subject: "Mock desk", participants: ["628222000888"] } }),
    );
    const updated = await json(
      server.api(`${p}/groups/${group.id}`, {
        method: "PATCH",
        json: { settings: { locked: true, memberAddMode: "all" } },
      }),
    );
    expect(updated).toMatchObject({ settings: { locked: true, memberAddMode: "all" } });
    expect((await json<{ id: string }[]>(server.api(`${p}/groups`))).map((g) => g.id)).toContain(group.id);
    const { code } = await json<{ code: string }>(
      server.api(`${p}/groups/${group.id}/invite/revoke`, { method: "POST" }),
    );
    expect(code).toMatch(/^MOCK\d+INVITE$/);
    expect(await json(server.api(`${p}/groups/${group.id}/requests`))).toEqual([]);
    const unknown = await server.api(`${p}/calls/reject`, {
      method: "POST",
      json: { callId: "MOCKCALL-NONE", from: "628222000888" },
    });
    expect(unknown.status).toBe(422);
    const notGroup = await server.api(`${p}/groups/628222000888/requests`);
    expect(await notGroup.json()).toMatchObject({ code: "VALIDATION_FAILED", field: "groupId" });
  });

  it("renames, pictures, joins by invite, decides join requests and mentions everyone between two mock lines", async () => {
    await loginProfile(server, "guest", "628111000889");
    await loginProfile(server, "late", "628111000890");
    const phone = "628222000889";
    const group = await json<{ id: string }>(
      server.api(`${p}/groups`, { method: "POST", json: { subject: "Club", participants: [phone] } }),
    );
    const g = `${p}/groups/${group.id}`;
    expect(
      await json(server.api(g, { method: "PATCH", json: { subject: "Book club", description: "Mondays" } })),
    ).toMatchObject({ subject: "Book club", description: "Mondays" });
    const picture = { image: { base64: JPEG.toString("base64") } };
    expect((await server.api(`${g}/picture`, { method: "PUT", json: picture })).status).toBe(204);
    expect((await server.api(`${g}/picture`, { method: "DELETE" })).status).toBe(204);

    const { code } = await json<{ code: string }>(server.api(`${g}/invite`));
    const guest = "/api/profiles/guest/groups";
    expect(await json(server.api(`${guest}/invite-info`, { method: "POST", json: { invite: code } }))).toMatchObject({
      id: group.id,
      subject: "Book club",
    });
    expect(await json(server.api(`${guest}/join`, { method: "POST", json: { invite: code } }))).toEqual({
      groupId: group.id,
      pending: false,
    });

    await server.api(g, { method: "PATCH", json: { settings: { approvalRequired: true } } });
    const late = "/api/profiles/late/groups";
    expect(await json(server.api(`${late}/join`, { method: "POST", json: { invite: code } }))).toEqual({
      groupId: group.id,
      pending: true,
    });
    expect((await json<{ jid: string }[]>(server.api(`${g}/requests`))).map((r) => r.jid)).toEqual([
      "628111000890@s.whatsapp.net",
    ]);
    expect(
      await json(
        server.api(`${g}/requests`, { method: "POST", json: { action: "reject", participants: ["628111000890"] } }),
      ),
    ).toEqual([{ jid: "628111000890@s.whatsapp.net", status: "200" }]);
    expect(await json(server.api(`${g}/requests`))).toEqual([]);
    await server.api(`${late}/join`, { method: "POST", json: { invite: code } });
    expect(
      await json(
        server.api(`${g}/requests`, { method: "POST", json: { action: "approve", participants: ["628111000890"] } }),
      ),
    ).toEqual([{ jid: "628111000890@s.whatsapp.net", status: "200" }]);
    const members = (await json<{ participants: { jid: string }[] }>(server.api(g))).participants.map((m) => m.jid);
    expect(members).toEqual(
      expect.arrayContaining(["628111000889@s.whatsapp.net", "628111000890@s.whatsapp.net", `${phone}@s.whatsapp.net`]),
    );

    expect((await server.api(`${g}/mention-all`, { method: "POST", json: { text: "Hi all" } })).status).toBe(202);
    await until(async () => {
      const inbox = await json<{ chatId: string; content: { text?: string } }[]>(
        server.api(`/api/mock/phones/${phone}/messages`),
      );
      return inbox.some((m) => m.chatId === group.id && m.content.text === "Hi all");
    }, 15_000);
  });
});
