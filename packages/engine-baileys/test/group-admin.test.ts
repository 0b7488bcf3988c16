import type { MultiWA } from "@multiwa/core";
import { nextEvent } from "@multiwa/core/testing";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkedMultiWA } from "./harness/linked.js";

// Issue #20: group administration and calls on real Baileys rc14 against the simulator's answers to the
// iqs it sends (w:g2 settings, invites, membership requests, w:profile:picture) and the stanzas it reads
// (w:gp2 and picture notifications, <call> offer/terminate).
describe("baileys group administration and calls on the simulator", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let wa: MultiWA;
  const jidOf = (p: SimPhone) => p.jid;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Me" });
    alice = sim.createPhone({ name: "Alice", receipts: "none" });
    wa = await linkedMultiWA(sim, me);
  });
  afterAll(async () => {
    await wa?.close();
    await sim?.close();
  });

  it("changes subject, description and every setting, and reads them back", async () => {
    const created = await wa.sessions.invoke("p", "groupCreate", "Settings", [alice.jid]);
    await wa.sessions.invoke("p", "groupUpdate", created.id, {
      subject: "Renamed",
      description: "About us",
      settings: {
        announcementOnly: true,
        locked: true,
        ephemeralSeconds: 604_800,
        memberAddMode: "all",
        approvalRequired: true,
      },
    });
    const server = sim.groups.get(created.id)!;
    expect(server.subject).toBe("Renamed");
    expect(server.description).toBe("About us");
    expect(server.admin).toMatchObject({
      announce: true,
      locked: true,
      ephemeral: 604_800,
      memberAddMode: "all_member_add",
      approval: true,
    });
    const info = await wa.sessions.invoke("p", "groupInfo", created.id);
    expect(info).toMatchObject({ subject: "Renamed", description: "About us" });
    expect(info.settings).toEqual({
      announcementOnly: true,
      locked: true,
      ephemeralSeconds: 604_800,
      memberAddMode: "all",
      approvalRequired: true,
    });
    await wa.sessions.invoke("p", "groupUpdate", created.id, {
      description: "",
      settings: { announcementOnly: false, ephemeralSeconds: 0, approvalRequired: false },
    });
    expect(server.description).toBeUndefined();
    expect(server.admin).toMatchObject({ announce: false, ephemeral: 0, approval: false, locked: true });
    const listed = await wa.sessions.invoke("p", "groupList");
    expect(listed.find((g) => g.id === created.id)?.settings).toMatchObject({ locked: true, memberAddMode: "all" });
  });

  it("reports changes other members make as group.update and group.participants", async () => {
    const group = sim.groups.create(alice, "Theirs", [me]);
    const events: { event: string; action: string; payload: unknown }[] = [];
    const collect =
      (event: string) =>
      (e: { groupId: string; action: string }): void => {
        if (e.groupId === group.jid) events.push({ event, action: e.action, payload: e });
      };
    const onUpdate = collect("update");
    const onParticipants = collect("participants");
    wa.on("group.update", onUpdate);
    wa.on("group.participants", onParticipants);
    const waitFor = (action: string) =>
      expect.poll(() => events.find((e) => e.action === action)?.payload).toBeTruthy();

    sim.groups.change(group, alice, "announcement");
    sim.groups.change(group, alice, "ephemeral", { expiration: "86400" });
    sim.groups.change(group, alice, "description", { id: "D1" }, [
      { tag: "body", attrs: {}, content: Buffer.from("New rules") },
    ]);
    const code = sim.groups.revokeInvite(group, alice);
    sim.groups.setPicture(group, alice, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    sim.groups.update(group, alice, "promote", [me]);
    await waitFor("promote");
    await waitFor("picture");
    await waitFor("invite");
    await waitFor("description");
    await expect.poll(() => events.filter((e) => e.action === "settings").length).toBe(2);
    wa.off("group.update", onUpdate);
    wa.off("group.participants", onParticipants);

    const settings = events
      .filter((e) => e.action === "settings")
      .map((e) => (e.payload as { settings: unknown }).settings);
    expect(settings).toEqual(expect.arrayContaining([{ announcementOnly: true }, { ephemeralSeconds: 86_400 }]));
    expect(events.find((e) => e.action === "description")?.payload).toMatchObject({
      description: "New rules",
      author: alice.jid,
    });
    expect(events.find((e) => e.action === "invite")?.payload).toMatchObject({ inviteCode: code });
    expect(events.find((e) => e.action === "promote")?.payload).toMatchObject({
      participants: [me.jid],
      author: alice.jid,
    });
  });

  it("sets and removes the group picture", async () => {
    const group = await wa.sessions.invoke("p", "groupCreate", "Picture", [alice.jid]);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    await wa.sessions.invoke("p", "groupSetPicture", group.id, { data: jpeg, mimetype: "image/jpeg" });
    expect(Buffer.from(sim.groups.get(group.id)!.admin.picture!)).toEqual(jpeg);
    await wa.sessions.invoke("p", "groupSetPicture", group.id, null);
    expect(sim.groups.get(group.id)!.admin.picture).toBeUndefined();
  });

  it("reads an invite without joining, joins by code, and a revoked code stops working", async () => {
    const open = sim.groups.create(alice, "Open door", []);
    const info = await wa.sessions.invoke("p", "groupInviteInfo", open.inviteCode);
    expect(info).toMatchObject({ id: open.jid, subject: "Open door" });
    expect(open.participants.has(me)).toBe(false);
    expect(await wa.sessions.invoke("p", "groupJoin", open.inviteCode)).toEqual({ groupId: open.jid, pending: false });
    expect(open.participants.has(me)).toBe(true);

    const guarded = sim.groups.create(alice, "Ask first", []);
    sim.groups.change(guarded, alice, "membership_approval_mode", {}, [{ tag: "group_join", attrs: { state: "on" } }]);
    expect(await wa.sessions.invoke("p", "groupJoin", guarded.inviteCode)).toEqual({
      groupId: guarded.jid,
      pending: true,
    });
    expect(guarded.participants.has(me)).toBe(false);
    expect(guarded.admin.requests.has(me)).toBe(true);

    const mine = await wa.sessions.invoke("p", "groupCreate", "Revoke", [alice.jid]);
    const before = await wa.sessions.invoke("p", "groupInviteCode", mine.id);
    const after = await wa.sessions.invoke("p", "groupRevokeInvite", mine.id);
    expect(after).not.toBe(before);
    expect(after).toBe(sim.groups.get(mine.id)!.inviteCode);
    await expect(wa.sessions.invoke("p", "groupInviteInfo", before)).rejects.toThrow(/item-not-found/);
  });

  it("lists, approves and rejects membership requests", async () => {
    const group = await wa.sessions.invoke("p", "groupCreate", "Requests", [alice.jid]);
    await wa.sessions.invoke("p", "groupUpdate", group.id, { settings: { approvalRequired: true } });
    const server = sim.groups.get(group.id)!;
    const carol = sim.createPhone({ name: "Carol" });
    const dave = sim.createPhone({ name: "Dave" });
    const requested = nextEvent(wa, "group.participants", (e) => e.groupId === group.id && e.action === "request");
    sim.groups.requestJoin(server, carol);
    expect((await requested).participants).toEqual([carol.jid]);
    sim.groups.requestJoin(server, dave);
    const requests = await wa.sessions.invoke("p", "groupRequests", group.id);
    expect(requests.map((r) => r.jid).sort()).toEqual([carol, dave].map(jidOf).sort());
    expect(requests[0]).toMatchObject({ method: "invite_link", requestedAt: expect.any(Number) });

    expect(await wa.sessions.invoke("p", "groupRequestsUpdate", group.id, "approve", [carol.jid])).toEqual([
      { jid: carol.jid, status: "200" },
    ]);
    expect(server.participants.has(carol)).toBe(true);
    expect(await wa.sessions.invoke("p", "groupRequestsUpdate", group.id, "reject", [dave.jid])).toEqual([
      { jid: dave.jid, status: "200" },
    ]);
    expect(server.participants.has(dave)).toBe(false);
    expect(await wa.sessions.invoke("p", "groupRequests", group.id)).toEqual([]);
    expect(await wa.sessions.invoke("p", "groupRequestsUpdate", group.id, "reject", [dave.jid])).toEqual([
      { jid: dave.jid, status: "404" },
    ]);
  });

  it("reports a call from a phone, rejects it, and reports a caller hanging up", async () => {
    const received = nextEvent(wa, "call.received", (c) => c.from === alice.jid);
    const call = sim.calls.offer(alice, me, { video: true });
    expect(await received).toMatchObject({ callId: call.id, isVideo: true, isGroup: false, offline: false });
    const ended = nextEvent(wa, "call.ended", (c) => c.callId === call.id);
    await wa.sessions.invoke("p", "rejectCall", call.id, alice.jid);
    expect(call.state).toBe("rejected");
    expect(await ended).toMatchObject({ from: alice.jid, reason: "rejected" });

    const second = sim.calls.offer(alice, me);
    await nextEvent(wa, "call.received", (c) => c.callId === second.id);
    const hungUp = nextEvent(wa, "call.ended", (c) => c.callId === second.id);
    sim.calls.terminate(second);
    expect(await hungUp).toMatchObject({ from: alice.jid, reason: "terminated" });
  });
});
