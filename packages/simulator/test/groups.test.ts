import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

describe.each(["pn", "lid"] as const)("groups (%s-addressed)", (addressing) => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  let carol: SimPhone;
  let client: LinkedClient;
  let groupJid: string;
  /** A member as the group addresses it. */
  const addr = (p: SimPhone) => (addressing === "lid" ? p.lidJid : p.jid);

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start({ groupAddressing: addressing });
    me = sim.createPhone({ name: "Me" });
    alice = sim.createPhone({ name: "Alice" });
    bob = sim.createPhone({ name: "Bob" });
    carol = sim.createPhone({ name: "Carol" });
    client = await linkClient(sim, me);
  }, 60_000);

  afterAll(async () => {
    client?.sock.end(undefined);
    await sim?.close();
  });

  it("create (w:g2) returns metadata and the server knows the members", async () => {
    const meta = await client.sock.groupCreate("Weekend", [alice.jid, bob.jid]);
    groupJid = meta.id;
    expect(meta.subject).toBe("Weekend");
    expect(meta.addressingMode).toBe(addressing);
    expect(meta.participants.map((p) => p.id).sort()).toEqual([alice, bob, me].map(addr).sort());
    expect(meta.participants.find((p) => p.id === addr(me))?.admin).toBe("superadmin");
    expect(sim.groups.get(groupJid)?.members()).toHaveLength(3);
  });

  it("client → group: every member phone decrypts the sender-key message, with receipts", async () => {
    const receipt = waitForEvent(client.sock, "message-receipt.update", (u) =>
      u.some((r) => r.receipt.userJid === addr(alice) && !!r.receipt.readTimestamp),
    );
    const sent = await client.sock.sendMessage(groupJid, { text: "hello group" });
    for (const phone of [alice, bob]) {
      const got = await phone.nextMessage({ filter: (m) => m.id === sent!.key.id });
      expect(got.chat).toBe(groupJid);
      expect(got.encType).toBe("skmsg");
      expect(got.message.extendedTextMessage?.text ?? got.message.conversation).toBe("hello group");
    }
    await receipt;
    // A second message reuses the distributed sender key.
    const again = await client.sock.sendMessage(groupJid, { text: "second" });
    expect((await bob.nextMessage({ filter: (m) => m.id === again!.key.id })).message.extendedTextMessage?.text).toBe(
      "second",
    );
  });

  it("phone → group: the client decrypts it as messages.upsert from the participant", async () => {
    for (const text of ["hi from alice", "again from alice"]) {
      const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
        u.messages.some((m) => m.message?.conversation === text),
      );
      const sent = await alice.sendText(groupJid, text);
      const m = (await upsert).messages.find((x) => x.key.id === sent.id)!;
      expect(m.key.remoteJid).toBe(groupJid);
      expect(m.key.participant).toBe(addr(alice));
      if (addressing === "lid") expect(m.key.participantAlt).toBe(alice.jid);
    }
  });

  it("typing in a group reaches every member phone", async () => {
    await client.sock.sendPresenceUpdate("composing", groupJid);
    for (const phone of [alice, bob]) {
      expect(await phone.nextPresence({ filter: (p) => p.type === "composing" })).toMatchObject({
        to: groupJid,
        sender: client.sock.user!.id,
      });
    }
  });

  it("metadata, participants add/promote/demote/remove, invite code", async () => {
    const added = await client.sock.groupParticipantsUpdate(groupJid, [carol.jid], "add");
    expect(added).toEqual([expect.objectContaining({ jid: addr(carol), status: "200" })]);
    await client.sock.groupParticipantsUpdate(groupJid, [carol.jid], "promote");
    let meta = await client.sock.groupMetadata(groupJid);
    expect(meta.participants.find((p) => p.id === addr(carol))?.admin).toBe("admin");
    await client.sock.groupParticipantsUpdate(groupJid, [carol.jid], "demote");
    await client.sock.groupParticipantsUpdate(groupJid, [bob.jid], "remove");
    meta = await client.sock.groupMetadata(groupJid);
    expect(meta.participants.map((p) => p.id).sort()).toEqual([alice, carol, me].map(addr).sort());
    expect(meta.participants.find((p) => p.id === addr(carol))?.admin ?? null).toBeNull();
    const code = await client.sock.groupInviteCode(groupJid);
    expect(code).toBe(sim.groups.get(groupJid)?.inviteCode);
  });

  it("phone-driven changes reach the client as group-participants.update", async () => {
    const group = sim.groups.get(groupJid)!;
    const update = waitForEvent(
      client.sock,
      "group-participants.update",
      (u) => u.id === groupJid && u.action === "add",
    );
    sim.groups.update(group, alice, "add", [bob]);
    const u = await update;
    expect(u.participants.map((p) => (typeof p === "string" ? p : p.id))).toContain(addr(bob));
  });

  it("a phone-created group delivers to the client, and the client can leave", async () => {
    const group = sim.groups.create(alice, "Alice's group", [me, bob]);
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "welcome"),
    );
    await alice.sendText(group.jid, "welcome");
    await upsert;
    await client.sock.groupLeave(group.jid);
    expect(group.participants.has(me)).toBe(false);
  });
});
