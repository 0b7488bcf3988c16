import { createHash, createHmac, createCipheriv, randomBytes } from "node:crypto";
import type { MultiWA, WAMessage } from "@multiwa/core";
import { nextEvent, PNG_BASE64 } from "@multiwa/core/testing";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { proto } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkedMultiWA } from "./harness/linked.js";

// Engine behaviour beyond the shared suite: what phones send to the session, LID chats, media
// downloads, poll votes. One simulator and one logged-in profile for the file.
describe("baileys session on the simulator", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let alice: SimPhone;
  let wa: MultiWA;

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

  const received = (match: (m: WAMessage) => boolean) => nextEvent(wa, "message.received", match, 10_000);
  const isText = (text: string) => (m: WAMessage) => m.content.type === "text" && m.content.text === text;

  it("receives media and downloads the same bytes", async () => {
    const data = randomBytes(2048);
    const got = received((m) => m.content.type === "document");
    await alice.sendMedia(me, "document", { data, mimetype: "application/pdf", fileName: "a.pdf", caption: "doc" });
    const message = await got;
    expect(message.content).toMatchObject({
      type: "document",
      mimetype: "application/pdf",
      fileName: "a.pdf",
      caption: "doc",
      size: 2048,
    });
    expect(Buffer.from(await wa.messages.downloadMedia("p", message))).toEqual(data);
  });

  it("downloads the media it sent itself", async () => {
    const data = Buffer.from(PNG_BASE64, "base64");
    const record = await wa.messages.sendAndWait("p", {
      to: alice.jid,
      content: { type: "image", media: { base64: PNG_BASE64 }, mimetype: "image/png", caption: "mine" },
    });
    expect(Buffer.from(await alice.downloadMedia((await alice.nextMessage()).message))).toEqual(data);
    // The route reads the message from the history, as the gateway recorded its own send.
    let message: WAMessage | undefined;
    await expect
      .poll(
        async () =>
          (message = (await wa.chats.messages("p", alice.jid, { limit: 100 })).messages.find(
            (m) => m.id === record.id,
          )),
      )
      .toBeTruthy();
    expect(message!.content).toMatchObject({ type: "image", mimetype: "image/png" });
    expect(Buffer.from(await wa.messages.downloadMedia("p", message!))).toEqual(data);
  });

  it("maps reactions, edits and deletes from a phone to their events", async () => {
    const first = received((m) => m.content.type === "text");
    const sent = await alice.sendText(me, "to be edited");
    const original = await first;
    expect(original).toMatchObject({
      id: sent.id,
      chatId: alice.jid,
      sender: alice.jid,
      fromMe: false,
      content: { text: "to be edited" },
    });

    const edited = nextEvent(wa, "message.edited", (e) => e.id === sent.id);
    await alice.editMessage(me, sent.id, "edited text");
    expect(await edited).toMatchObject({ chatId: alice.jid, sender: alice.jid, text: "edited text" });

    const record = await wa.messages.sendAndWait("p", {
      to: alice.jid,
      content: { type: "text", text: "react to me" },
    });
    await alice.nextMessage();
    const reaction = nextEvent(wa, "message.reaction", (e) => e.target.id === record.id);
    await alice.sendReaction(me, { remoteJid: me.jid, fromMe: false, id: record.id }, "🔥");
    expect(await reaction).toMatchObject({ chatId: alice.jid, sender: alice.jid, emoji: "🔥" });

    const revoked = nextEvent(wa, "message.revoked", (e) => e.id === sent.id);
    await alice.deleteMessage(me, sent.id);
    expect(await revoked).toMatchObject({ chatId: alice.jid, sender: alice.jid });
  });

  it("replies with the original quoted when it is cached", async () => {
    const got = received(isText("quote me"));
    await alice.sendText(me, "quote me");
    const message = await got;
    await wa.messages.sendAndWait("p", {
      to: alice.jid,
      content: { type: "text", text: "quoted" },
      options: { quotedId: message.id },
    });
    const reply = await alice.nextMessage();
    const context = reply.message.extendedTextMessage?.contextInfo;
    expect(context?.stanzaId).toBe(message.id);
    expect(context?.quotedMessage?.conversation ?? context?.quotedMessage?.extendedTextMessage?.text).toBe("quote me");
  });

  it("reports LID-addressed senders with their phone, and replies reach them by number or LID", async () => {
    const bob = sim.createPhone({ name: "Bob", addressing: "lid", receipts: "none" });
    const got = received(isText("hi via lid"));
    await bob.sendText(me, "hi via lid");
    const message = await got;
    expect(message.sender).toBe(bob.lidJid);
    expect(message.senderPhone).toBe(bob.jid);
    expect(message.chatId).toBe(bob.jid);
    for (const to of [message.chatId, message.sender]) {
      const record = await wa.messages.sendAndWait("p", { to, content: { type: "text", text: `reply to ${to}` } });
      expect((await bob.nextMessage()).id).toBe(record.id);
    }
  });

  it("decrypts a poll vote into the chosen option names", async () => {
    const poll = await wa.messages.sendAndWait("p", {
      to: alice.jid,
      content: { type: "poll", name: "Lunch?", options: ["Pizza", "Sushi", "Salad"], selectableCount: 1 },
    });
    const creation = await alice.nextMessage();
    const secret = creation.message.messageContextInfo?.messageSecret;
    expect(secret).toBeTruthy();
    const vote = nextEvent(wa, "poll.vote", (e) => e.pollId === poll.id);
    await alice.sendMessage(me, {
      pollUpdateMessage: {
        pollCreationMessageKey: { remoteJid: me.jid, fromMe: false, id: poll.id },
        vote: encryptVote(["Sushi"], { secret: secret!, pollId: poll.id, creator: me.jid, voter: alice.jid }),
        senderTimestampMs: Date.now(),
      },
    });
    expect(await vote).toMatchObject({ chatId: alice.jid, voter: alice.jid, selected: ["Sushi"] });
  });

  it("reports messages the account's phone sent as message.sent, not as received", async () => {
    const sent = nextEvent(wa, "message.sent", (m) => m.content.type === "text" && m.content.text === "from my phone");
    const received: WAMessage[] = [];
    const collect = (m: WAMessage) => void received.push(m);
    wa.on("message.received", collect);
    await me.sendText(alice, "from my phone");
    // Both would come from the same upsert, so by the time `sent` fires a wrong `received` has too.
    expect(await sent).toMatchObject({ chatId: alice.jid, sender: me.jid, fromMe: true });
    wa.off("message.received", collect);
    expect(received.filter(isText("from my phone"))).toEqual([]);
  });

  it("reports typing and group changes made on phones", async () => {
    const typing = nextEvent(wa, "presence", (e) => e.participant === alice.jid && e.state === "composing");
    alice.sendChatState(me, "composing");
    expect(await typing).toMatchObject({ chatId: alice.jid });

    const carol = sim.createPhone({ name: "Carol" });
    const group = sim.groups.create(alice, "Phone group", [me]);
    const added = nextEvent(wa, "group.participants", (e) => e.groupId === group.jid && e.action === "add");
    sim.groups.update(group, alice, "add", [carol]);
    expect((await added).participants).toEqual([carol.jid]);
  });
});

/** What a voter's phone does: AES-GCM over the chosen options' SHA-256, keyed by the poll secret. */
function encryptVote(options: string[], p: { secret: Uint8Array; pollId: string; creator: string; voter: string }) {
  const plain = proto.Message.PollVoteMessage.encode({
    selectedOptions: options.map((o) => createHash("sha256").update(o).digest()),
  }).finish();
  const sign = Buffer.concat([
    Buffer.from(p.pollId),
    Buffer.from(p.creator),
    Buffer.from(p.voter),
    Buffer.from("Poll Vote"),
    Buffer.from([1]),
  ]);
  const key0 = createHmac("sha256", Buffer.alloc(32)).update(p.secret).digest();
  const key = createHmac("sha256", key0).update(sign).digest();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`${p.pollId}\u0000${p.voter}`));
  const encPayload = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { encPayload, encIv: iv };
}
