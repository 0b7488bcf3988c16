import { proto } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

describe("QR pairing and text both ways", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let peer: SimPhone;
  let client: LinkedClient;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start({ onError: (e) => console.error("[sim]", e) });
    me = sim.createPhone({ name: "Me" });
    peer = sim.createPhone({ name: "Alice" });
    client = await linkClient(sim, me);
  }, 60_000);

  afterAll(async () => {
    client?.sock.end(undefined);
    await sim?.close();
  });

  it("pairs by QR and logs in as a companion of the phone", () => {
    expect(client.sock.user?.id).toMatch(new RegExp(`^${me.pn}:\\d+@s\\.whatsapp\\.net$`));
    expect(client.sock.user?.lid).toMatch(new RegExp(`^${me.lid}:\\d+@lid$`));
    expect(me.companions.size).toBe(1);
  });

  it("client → phone text is decrypted by the phone, with delivery and read receipts", async () => {
    const statuses: number[] = [];
    client.sock.ev.on("messages.update", (u) => u.forEach((x) => x.update.status && statuses.push(x.update.status)));
    const read = waitForEvent(client.sock, "messages.update", (u) =>
      u.some((x) => x.update.status === proto.WebMessageInfo.Status.READ),
    );
    const sent = await client.sock.sendMessage(peer.jid, { text: "hello alice" });
    const got = await peer.nextMessage();
    expect(got.id).toBe(sent!.key.id);
    expect(got.message.extendedTextMessage?.text ?? got.message.conversation).toBe("hello alice");
    expect(got.sender).toBe(client.sock.user!.id);
    await read;
    expect(statuses).toContain(proto.WebMessageInfo.Status.DELIVERY_ACK);
  });

  it("phone → client text arrives as messages.upsert", async () => {
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "hi from alice"),
    );
    const sent = await peer.sendText(me, "hi from alice");
    const { messages, type } = await upsert;
    expect(type).toBe("notify");
    const m = messages.find((x) => x.key.id === sent.id)!;
    expect(m.key.fromMe).toBe(false);
    expect(m.key.remoteJid).toBe(peer.jid);
    expect(m.pushName).toBe("Alice");
  });

  it("presence and chat states both ways", async () => {
    const online = waitForEvent(
      client.sock,
      "presence.update",
      (u) => u.id === peer.jid && u.presences[peer.jid]?.lastKnownPresence === "available",
    );
    peer.sendPresence("available", me);
    await online;
    const typing = waitForEvent(
      client.sock,
      "presence.update",
      (u) => u.id === peer.jid && u.presences[peer.jid]?.lastKnownPresence === "composing",
    );
    peer.sendChatState(me, "composing");
    await typing;

    await client.sock.presenceSubscribe(peer.jid);
    expect((await peer.nextPresence({ filter: (p) => p.type === "subscribe" })).sender).toBe(client.sock.user!.id);
    await client.sock.sendPresenceUpdate("composing", peer.jid);
    const state = await peer.nextPresence({ filter: (p) => p.type === "composing" });
    expect(state).toMatchObject({ sender: client.sock.user!.id, to: peer.jid });
  });

  it("the client's own receipts reach the phone (read via readMessages)", async () => {
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "please read"),
    );
    const sent = await peer.sendText(me, "please read");
    const m = (await upsert).messages.find((x) => x.key.id === sent.id)!;
    await client.sock.readMessages([m.key]);
    const receipt = await peer.nextReceipt({ filter: (r) => r.type === "read" && r.ids.includes(sent.id) });
    expect(receipt.sender).toBe(client.sock.user!.id);
  });

  it("LID-addressed phones arrive with remoteJid @lid and the phone number as remoteJidAlt", async () => {
    const lidPhone = sim.createPhone({ name: "Lid user", addressing: "lid" });
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "via lid"),
    );
    const sent = await lidPhone.sendText(me, "via lid");
    const m = (await upsert).messages.find((x) => x.key.id === sent.id)!;
    expect(m.key.remoteJid).toBe(lidPhone.lidJid);
    expect(m.key.remoteJidAlt).toBe(lidPhone.jid);
    // Replying to the LID chat reaches the same phone.
    const reply = await client.sock.sendMessage(m.key.remoteJid!, { text: "reply to lid" });
    expect(
      (await lidPhone.nextMessage({ filter: (x) => x.id === reply!.key.id })).message.extendedTextMessage?.text,
    ).toBe("reply to lid");
  });

  it("onWhatsApp reports existing phones only", async () => {
    const result = await client.sock.onWhatsApp(peer.pn, "19990000000");
    expect(result).toEqual([{ jid: peer.jid, exists: true }]);
    expect(sim.phone("19990000000")).toBeUndefined();
  });

  it("a client that lost its Signal session recovers through a retry receipt", async () => {
    const first = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "before loss"),
    );
    await peer.sendText(me, "before loss");
    await first;
    // Drop the client's session with the phone (it is keyed by the phone's LID in Baileys v7).
    await client.sock.signalRepository.deleteSession([peer.lidJid]);
    const retried = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => m.message?.conversation === "after loss"),
    );
    const sent = await peer.sendText(me, "after loss");
    const m = (await retried).messages.find((x) => x.key.id === sent.id)!;
    expect(m.messageStubType ?? null).toBeNull();
    expect(peer.clientReceipts.all.some((r) => r.type === "retry" && r.ids.includes(sent.id))).toBe(true);
  });

  it("the client learns its push name from its phone and can go online", async () => {
    expect(client.auth.state.creds.me?.name).toBe("Me"); // sock.user is a snapshot in Baileys; creds are live
    await client.sock.sendPresenceUpdate("available");
    const p = await me.nextPresence({ filter: (x) => x.type === "available" });
    expect(p.sender).toBe(client.sock.user!.id);
  });

  it("a manual read receipt right after the message still surfaces as READ after DELIVERY_ACK", async () => {
    const reader = sim.createPhone({ name: "Reader", receipts: "delivery" });
    const statuses: number[] = [];
    const track = (u: { key: { id?: string | null }; update: { status?: number | null } }[]) =>
      u.forEach((x) => x.key.id === sentId && x.update.status && statuses.push(x.update.status));
    let sentId = "";
    client.sock.ev.on("messages.update", track);
    const read = waitForEvent(client.sock, "messages.update", (u) =>
      u.some((x) => x.key.id === sentId && x.update.status === proto.WebMessageInfo.Status.READ),
    );
    sentId = (await client.sock.sendMessage(reader.jid, { text: "read me now" }))!.key.id!;
    await reader.nextMessage({ filter: (m) => m.id === sentId });
    await reader.sendReceipt(me.jid, [sentId], "read");
    await read;
    client.sock.ev.off("messages.update", track);
    expect(statuses).toEqual([proto.WebMessageInfo.Status.DELIVERY_ACK, proto.WebMessageInfo.Status.READ]);
  });
});
