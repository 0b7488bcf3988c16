import { createMultiWA, type EngineEvents, type EngineSession, type MultiWA } from "@multiwa/core";
import { nextEvent } from "@multiwa/core/testing";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { createStorage, type Storage } from "unstorage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baileysEngine } from "../src/index.js";

// #20: number check, LID ↔ phone, contact info, blocking, own profile and privacy, through the real
// Baileys client against the simulator's answers to the IQs rc14 sends.
describe("baileys directory and account on the simulator", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let bob: SimPhone;
  let wa: MultiWA;
  let session: Required<EngineSession>;
  const events: { [K in keyof EngineEvents]?: EngineEvents[K][] } = {};

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start({ autoCreatePhones: true });
    me = sim.createPhone({ name: "Me" });
    alice = sim.createPhone({ name: "Alice", receipts: "none" });
    bob = sim.createPhone({ name: "Bob", receipts: "none" });
    const engine = baileysEngine(sim.clientOptions());
    wa = await createMultiWA({
      engines: {
        baileys: {
          ...engine,
          createSession: (ctx) =>
            (session = engine.createSession({
              ...ctx,
              emit: (event, payload) => {
                ((events[event] ??= []) as unknown[]).push(payload);
                ctx.emit(event, payload);
              },
            }) as Required<EngineSession>),
        },
      },
      storage: createStorage() as Storage,
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    });
    await wa.profiles.create({ id: "p", name: "p" });
    const qrs = wa.sessions.qr("p");
    await wa.sessions.start("p");
    const opened = nextEvent(wa, "session.status", (e) => e.status === "open");
    await me.scanQr((await qrs.next()).value as string);
    await opened;
  });
  afterAll(async () => {
    await wa?.close();
    await sim?.close();
  });

  it("checks numbers in one batch: JID and LID for those on WhatsApp, exists false for the others", async () => {
    const checks = await session.checkNumbers([alice.pn, "15559990001", bob.pn]);
    expect(checks).toEqual([
      { phone: alice.pn, exists: true, jid: alice.jid, lid: alice.lidJid },
      { phone: "15559990001", exists: false },
      { phone: bob.pn, exists: true, jid: bob.jid, lid: bob.lidJid },
    ]);
    // The check must not create the unknown number (WhatsApp does not invent accounts).
    expect(sim.phone("15559990001")).toBeUndefined();
  });

  it("resolves LID ↔ phone both ways once learnt", async () => {
    const mappings = await session.resolveIds([alice.lidJid, bob.jid]);
    expect(mappings).toEqual(
      expect.arrayContaining([
        { kind: "lid", id: alice.lidJid, phone: alice.jid },
        { kind: "lid", id: bob.lidJid, phone: bob.jid },
      ]),
    );
  });

  it("reads a contact's about text, and none when they hide it", async () => {
    alice.setAbout("Out fishing");
    expect(await session.contactAbout(alice.jid)).toMatchObject({ about: "Out fishing", setAt: expect.any(Number) });
    bob.profile.privacy.status = "none";
    expect(await session.contactAbout(bob.jid)).toBeUndefined();
  });

  it("reads a profile picture URL that serves the picture, none without one, and reports a change", async () => {
    expect(await session.profilePictureUrl(alice.jid)).toBeUndefined();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    alice.setPicture(jpeg);
    await expect.poll(() => events["contact.update"]?.find((e) => e.jid === alice.jid)?.picture).toBe("changed");
    const url = await session.profilePictureUrl(alice.jid);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pp\//);
    expect(Buffer.from(await (await fetch(url!)).arrayBuffer())).toEqual(jpeg);
  });

  it("reads a business profile, none for a personal account", async () => {
    bob.setBusiness({ description: "Bakery", category: "Food", email: "b@example.com", website: "https://b.example" });
    expect(await session.businessProfile(bob.jid)).toEqual({
      jid: bob.jid,
      description: "Bakery",
      category: "Food",
      email: "b@example.com",
      websites: ["https://b.example"],
    });
    expect(await session.businessProfile(alice.jid)).toBeUndefined();
  });

  it("blocks and unblocks by phone JID; the block list names the phone", async () => {
    await session.setBlocked(alice.jid, true);
    expect(me.profile.blocked.get(alice.lidJid)).toBe(alice.jid);
    expect(await session.blocklist()).toEqual([alice.jid]);
    await session.setBlocked(alice.lidJid, false);
    expect(await session.blocklist()).toEqual([]);
  });

  it("reports a block made on the phone as contact.update", async () => {
    me.block(bob);
    await expect
      .poll(() => events["contact.update"]?.find((e) => e.blocked !== undefined))
      .toEqual({ jid: bob.lidJid, phone: bob.jid, blocked: true });
  });

  it("sets the own about and picture, and removes the picture", async () => {
    await session.setProfileAbout("Open 9-17");
    expect(me.profile.about).toBe("Open 9-17");
    const jpeg = new Uint8Array([0xff, 0xd8, 9, 9, 0xff, 0xd9]);
    await session.setProfilePicture({ data: jpeg, mimetype: "image/jpeg" });
    expect(me.profile.picture?.data).toEqual(Buffer.from(jpeg));
    await expect(session.setProfilePicture({ data: jpeg, mimetype: "image/png" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await session.setProfilePicture(null);
    expect(me.profile.picture).toBeUndefined();
  });

  it("names the phone next to the LID in a reaction from a LID-addressed user", async () => {
    const carol = sim.createPhone({ name: "Carol", addressing: "lid", receipts: "none" });
    const got = nextEvent(wa, "message.received", (m) => m.sender === carol.lidJid, 10_000);
    const sent = await carol.sendText(me, "hi from a LID");
    await got;
    const reaction = nextEvent(wa, "message.reaction", (e) => e.sender === carol.lidJid, 10_000);
    await carol.sendReaction(me.lidJid, { remoteJid: me.lidJid, fromMe: true, id: sent.id }, "👍");
    expect(await reaction).toMatchObject({ sender: carol.lidJid, senderPhone: carol.jid, emoji: "👍" });
    // The message taught the gateway the pair: it lists it without asking WhatsApp.
    await expect
      .poll(async () => (await wa.directory.listMappings("p", { kind: "lid" })).mappings)
      .toContainEqual({ kind: "lid", id: carol.lidJid, phone: carol.jid });
  });

  it("sets the display name through the account's app state (a setting_pushName patch)", async () => {
    await session.setProfileName("Bakery Desk");
    expect(me.name).toBe("Bakery Desk");
    const change = await me.nextAppStateChange({ filter: (m) => m.index[0] === "setting_pushName" });
    expect(change).toMatchObject({ collection: "critical_block", origin: "client" });
  });

  it("reads and writes privacy settings", async () => {
    expect(await session.privacy()).toMatchObject({ lastSeen: "contacts", readReceipts: "all", online: "all" });
    const after = await session.privacy({ lastSeen: "none", readReceipts: "none", groups: "contacts" });
    expect(after).toMatchObject({ lastSeen: "none", readReceipts: "none", groups: "contacts" });
    expect(me.profile.privacy).toMatchObject({ last: "none", readreceipts: "none", groupadd: "contacts" });
    await expect(session.privacy({ online: "none" })).rejects.toThrow(/bad-request/);
  });
});
