import { createStorage } from "unstorage";
import { describe, expect, it } from "vitest";
import type { EngineEventName, EngineSession } from "../../src/engine/types.js";
import { mockEngine, MockNetwork } from "../../src/engines/mock.js";

// #20: the mock engine's group administration and calls, the in-memory counterpart of what the simulator
// answers Baileys; changes made by one session reach the others as group.update / group.participants.
describe("mock engine group administration and calls", () => {
  async function linked(network: MockNetwork, phone: string) {
    const events: { event: EngineEventName; payload: Record<string, unknown> }[] = [];
    const session = mockEngine({ network, autoPair: phone }).createSession({
      profileId: phone,
      storage: createStorage(),
      emit: (event, payload) => void events.push({ event, payload: payload as Record<string, unknown> }),
      logger: console,
    }) as Required<EngineSession>;
    await session.connect();
    const of = (event: EngineEventName, action?: string) =>
      events.filter((e) => e.event === event && (!action || e.payload.action === action)).map((e) => e.payload);
    return { session, of };
  }

  it("changes settings and description; other members hear each change", async () => {
    const network = new MockNetwork();
    const admin = await linked(network, "628100000001");
    const member = await linked(network, "628100000002");
    const group = await admin.session.groupCreate("Team", ["628100000002@s.whatsapp.net"]);
    await admin.session.groupUpdate(group.id, {
      subject: "Team 2",
      description: "Rules",
      settings: { announcementOnly: true, ephemeralSeconds: 86_400, memberAddMode: "all" },
    });
    const info = await member.session.groupInfo(group.id);
    expect(info).toMatchObject({ subject: "Team 2", description: "Rules" });
    expect(info.settings).toEqual({
      announcementOnly: true,
      locked: false,
      ephemeralSeconds: 86_400,
      memberAddMode: "all",
      approvalRequired: false,
    });
    expect(member.of("group.update", "settings")).toEqual([
      {
        groupId: group.id,
        action: "settings",
        settings: { announcementOnly: true, ephemeralSeconds: 86_400, memberAddMode: "all" },
        author: "628100000001@s.whatsapp.net",
      },
    ]);
    expect(member.of("group.update", "description")[0]).toMatchObject({ description: "Rules" });
    // Announcement-only: a member may no longer post, and may not change settings.
    await expect(member.session.send(group.id, { type: "text", text: "hi" }, { id: "M1" })).rejects.toThrow(/admins/);
    await expect(member.session.groupUpdate(group.id, { settings: { locked: true } })).rejects.toThrow(/admins/);
    expect((await member.session.groupList()).map((g) => g.id)).toEqual([group.id]);
    await admin.session.groupSetPicture(group.id, { data: new Uint8Array([0xff, 0xd8]), mimetype: "image/jpeg" });
    expect(network.groups.picture(group.id)).toEqual(new Uint8Array([0xff, 0xd8]));
    expect(member.of("group.update", "picture")).toHaveLength(1);
  });

  it("joins by code, asks for approval where needed, and admins decide requests", async () => {
    const network = new MockNetwork();
    const admin = await linked(network, "628200000001");
    const guest = await linked(network, "628200000002");
    const late = await linked(network, "628200000003");
    const group = await admin.session.groupCreate("Club", []);
    const code = await admin.session.groupInviteCode(group.id);
    expect((await guest.session.groupInviteInfo(code)).subject).toBe("Club");
    expect(await guest.session.groupJoin(code)).toEqual({ groupId: group.id, pending: false });
    expect(admin.of("group.participants", "add").at(-1)).toMatchObject({
      participants: ["628200000002@s.whatsapp.net"],
    });

    const revoked = await admin.session.groupRevokeInvite(group.id);
    expect(revoked).not.toBe(code);
    await expect(late.session.groupInviteInfo(code)).rejects.toThrow(/invite/);
    await admin.session.groupUpdate(group.id, { settings: { approvalRequired: true } });
    expect(await late.session.groupJoin(revoked)).toEqual({ groupId: group.id, pending: true });
    expect(admin.of("group.participants", "request")).toHaveLength(1);
    expect((await admin.session.groupRequests(group.id)).map((r) => r.jid)).toEqual(["628200000003@s.whatsapp.net"]);
    await expect(guest.session.groupRequests(group.id)).rejects.toThrow(/admins/);
    expect(await admin.session.groupRequestsUpdate(group.id, "approve", ["628200000003@s.whatsapp.net"])).toEqual([
      { jid: "628200000003@s.whatsapp.net", status: "200" },
    ]);
    expect((await admin.session.groupInfo(group.id)).participants).toHaveLength(3);
    expect(await admin.session.groupRequestsUpdate(group.id, "reject", ["628200000003@s.whatsapp.net"])).toEqual([
      { jid: "628200000003@s.whatsapp.net", status: "404" },
    ]);
  });

  it("reports calls from a phone and rejects them", async () => {
    const network = new MockNetwork();
    const me = await linked(network, "628300000001");
    const callId = network.phone("628300000002").call("628300000001@s.whatsapp.net", { video: true });
    expect(me.of("call.received")).toEqual([
      expect.objectContaining({ callId, from: "628300000002@s.whatsapp.net", isVideo: true, isGroup: false }),
    ]);
    await me.session.rejectCall(callId, "628300000002@s.whatsapp.net");
    expect(network.calls.state(callId)).toBe("rejected");
    expect(me.of("call.ended")).toEqual([expect.objectContaining({ callId, reason: "rejected" })]);
    await expect(me.session.rejectCall("NOPE", "628300000002@s.whatsapp.net")).rejects.toThrow(/No call/);
  });
});
