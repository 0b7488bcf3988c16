import { randomBytes } from "node:crypto";
import {
  decryptPollVote,
  downloadMediaMessage,
  getAggregateVotesInPollMessage,
  type proto,
  type WAMessage,
} from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkClient, waitForEvent, WhatsAppSimulator, type LinkedClient, type SimPhone } from "../src/index.js";

const VCARD = "BEGIN:VCARD\nVERSION:3.0\nFN:Bob Example\nTEL;type=CELL;waid=15551234567:+1 555 123 4567\nEND:VCARD";

describe("every message type, both directions", () => {
  let sim: WhatsAppSimulator;
  let me: SimPhone;
  let peer: SimPhone;
  let client: LinkedClient;

  beforeAll(async () => {
    sim = await WhatsAppSimulator.start();
    me = sim.createPhone({ name: "Me" });
    peer = sim.createPhone({ name: "Alice", receipts: "none" });
    client = await linkClient(sim, me);
  }, 60_000);

  afterAll(async () => {
    client?.sock.end(undefined);
    await sim?.close();
  });

  /** Client sends `content`; returns what the phone decrypted. */
  const clientSends = async (
    content: Parameters<LinkedClient["sock"]["sendMessage"]>[1],
    opts?: { quoted?: WAMessage },
  ) => {
    const sent = await client.sock.sendMessage(peer.jid, content, opts);
    const got = await peer.nextMessage({ filter: (m) => m.id === sent!.key.id });
    return got.message;
  };

  /** Phone sends via `send`; returns the client's upserted message. */
  const phoneSends = async (send: () => Promise<{ id: string }>): Promise<WAMessage> => {
    const ids = new Set<string>();
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) => u.messages.some((m) => ids.has(m.key.id!)));
    const { id } = await send();
    ids.add(id);
    const { messages } = await upsert;
    return messages.find((m) => m.key.id === id)!;
  };

  const download = async (m: WAMessage): Promise<Buffer> => (await downloadMediaMessage(m, "buffer", {})) as Buffer;

  describe("client → phone", () => {
    it("text and reply", async () => {
      const plain = await clientSends({ text: "plain" });
      expect(plain.extendedTextMessage?.text ?? plain.conversation).toBe("plain");
      const original = await client.sock.sendMessage(peer.jid, { text: "original" });
      const got = await peer.nextMessage({ filter: (m) => m.id === original!.key.id });
      expect(got.message.extendedTextMessage?.text ?? got.message.conversation).toBe("original");
      const reply = await clientSends({ text: "a reply" }, { quoted: original! });
      expect(reply.extendedTextMessage?.text).toBe("a reply");
      expect(reply.extendedTextMessage?.contextInfo?.stanzaId).toBe(original!.key.id);
    });

    it.each([
      [
        "image",
        { image: randomBytes(2048), caption: "pic", mimetype: "image/jpeg" },
        (m: proto.IMessage) => m.imageMessage,
      ],
      [
        "video",
        { video: randomBytes(4096), caption: "vid", mimetype: "video/mp4" },
        (m: proto.IMessage) => m.videoMessage,
      ],
      ["audio", { audio: randomBytes(1024), mimetype: "audio/mp4", seconds: 3 }, (m: proto.IMessage) => m.audioMessage],
      [
        "document",
        { document: randomBytes(3000), mimetype: "application/pdf", fileName: "report.pdf" },
        (m: proto.IMessage) => m.documentMessage,
      ],
      ["sticker", { sticker: randomBytes(512) }, (m: proto.IMessage) => m.stickerMessage],
    ] as const)("%s: uploaded over HTTPS, decrypted byte-for-byte by the phone", async (_kind, content, pick) => {
      const message = await clientSends(content as never);
      expect(pick(message)?.mediaKey?.length).toBe(32);
      const bytes = await peer.downloadMedia(message);
      const original = Object.values(content).find((v) => Buffer.isBuffer(v)) as Buffer;
      expect(bytes.equals(original)).toBe(true);
    });

    it("reaction, poll, location, contact", async () => {
      const target = await client.sock.sendMessage(peer.jid, { text: "react to me" });
      await peer.nextMessage({ filter: (m) => m.id === target!.key.id });
      expect((await clientSends({ react: { text: "👍", key: target!.key } })).reactionMessage?.text).toBe("👍");
      const poll = await clientSends({ poll: { name: "Lunch?", values: ["Pizza", "Sushi"], selectableCount: 1 } });
      const pollMsg = poll.pollCreationMessage ?? poll.pollCreationMessageV3 ?? poll.pollCreationMessageV2;
      expect(pollMsg?.name).toBe("Lunch?");
      expect(pollMsg?.options?.map((o) => o.optionName)).toEqual(["Pizza", "Sushi"]);
      const loc = await clientSends({ location: { degreesLatitude: 52.52, degreesLongitude: 13.405, name: "Berlin" } });
      expect(loc.locationMessage).toMatchObject({ degreesLatitude: 52.52, degreesLongitude: 13.405, name: "Berlin" });
      const contact = await clientSends({ contacts: { displayName: "Bob", contacts: [{ vcard: VCARD }] } });
      expect(contact.contactMessage?.vcard).toBe(VCARD);
    });
  });

  it("client edits and deletes reach the phone as protocol messages", async () => {
    const original = await client.sock.sendMessage(peer.jid, { text: "typo" });
    const key = { ...original!.key }; // copy: Baileys reuses the key object it is handed
    await peer.nextMessage({ filter: (m) => m.id === key.id });
    const edit = await clientSends({ edit: { ...key }, text: "fixed" });
    expect(edit.protocolMessage?.key?.id).toBe(key.id);
    expect(
      edit.protocolMessage?.editedMessage?.conversation ??
        edit.protocolMessage?.editedMessage?.extendedTextMessage?.text,
    ).toBe("fixed");
    const revoke = await clientSends({ delete: { ...key } });
    expect(revoke.protocolMessage?.type).toBe(0); // REVOKE
    expect(revoke.protocolMessage?.key?.id).toBe(key.id);
  });

  it("the phone votes on the client's poll; the vote decrypts with Baileys' decryptPollVote", async () => {
    const sent = await client.sock.sendMessage(peer.jid, {
      poll: { name: "Dinner?", values: ["Pasta", "Curry", "Salad"], selectableCount: 2 },
    });
    const poll = await peer.nextMessage({ filter: (m) => m.id === sent!.key.id });
    const upsert = waitForEvent(client.sock, "messages.upsert", (u) =>
      u.messages.some((m) => !!m.message?.pollUpdateMessage),
    );
    await peer.votePoll(poll, ["Curry", "Salad"]);
    const vote = (await upsert).messages.find((m) => !!m.message?.pollUpdateMessage)!;
    const update = vote.message!.pollUpdateMessage!;
    expect(update.pollCreationMessageKey?.id).toBe(sent!.key.id);
    const decrypted = decryptPollVote(update.vote!, {
      pollCreatorJid: me.jid,
      pollMsgId: sent!.key.id!,
      pollEncKey: sent!.message!.messageContextInfo!.messageSecret!,
      voterJid: peer.jid,
    });
    const tally = getAggregateVotesInPollMessage({
      message: sent!.message,
      pollUpdates: [{ pollUpdateMessageKey: vote.key, vote: decrypted, senderTimestampMs: Date.now() }],
    });
    expect(tally.filter((o) => o.voters.length).map((o) => o.name)).toEqual(["Curry", "Salad"]);
  });

  describe("phone → client", () => {
    it("text and reply", async () => {
      const first = await phoneSends(() => peer.sendText(me, "first"));
      expect(first.message?.conversation).toBe("first");
      const reply = await phoneSends(() =>
        peer.reply(me, { id: first.key.id!, message: { conversation: "first" } }, "second"),
      );
      expect(reply.message?.extendedTextMessage?.text).toBe("second");
      expect(reply.message?.extendedTextMessage?.contextInfo?.stanzaId).toBe(first.key.id);
    });

    it.each(["image", "video", "audio", "document", "sticker"] as const)(
      "%s: downloadable and decryptable by the client",
      async (kind) => {
        const data = randomBytes(1500 + kind.length);
        const m = await phoneSends(() =>
          peer.sendMedia(me, kind, {
            data,
            caption: kind === "sticker" || kind === "audio" ? undefined : `a ${kind}`,
            fileName: "f.bin",
          }),
        );
        expect(Object.keys(m.message ?? {})).toContain(`${kind}Message`);
        expect((await download(m)).equals(data)).toBe(true);
      },
    );

    it("edit and delete arrive as messages.update", async () => {
      const first = await phoneSends(() => peer.sendText(me, "draft"));
      const edited = waitForEvent(client.sock, "messages.update", (u) =>
        u.some((x) => x.key.id === first.key.id && !!x.update.message?.editedMessage),
      );
      await peer.editMessage(me, first.key.id!, "final");
      const e = (await edited).find((x) => x.key.id === first.key.id)!;
      expect(e.update.message?.editedMessage?.message?.conversation).toBe("final");
      const revoked = waitForEvent(client.sock, "messages.update", (u) =>
        u.some((x) => x.key.id === first.key.id && x.update.message === null),
      );
      await peer.deleteMessage(me, first.key.id!);
      expect((await revoked).find((x) => x.key.id === first.key.id)?.update.messageStubType).toBe(1); // REVOKE stub
    });

    it("reaction, poll, location, contact", async () => {
      const target = await client.sock.sendMessage(peer.jid, { text: "phone reacts to this" });
      const reaction = await phoneSends(() =>
        peer.sendReaction(me, { id: target!.key.id, remoteJid: peer.jid, fromMe: false }, "❤️"),
      );
      expect(reaction.message?.reactionMessage?.text).toBe("❤️");
      const poll = await phoneSends(() => peer.sendPoll(me, "Which day?", ["Mon", "Tue", "Wed"]));
      expect(poll.message?.pollCreationMessage?.options?.map((o) => o.optionName)).toEqual(["Mon", "Tue", "Wed"]);
      const loc = await phoneSends(() =>
        peer.sendLocation(me, { latitude: -33.86, longitude: 151.21, name: "Sydney" }),
      );
      expect(loc.message?.locationMessage?.name).toBe("Sydney");
      const contact = await phoneSends(() => peer.sendContact(me, "Bob", VCARD));
      expect(contact.message?.contactMessage?.vcard).toBe(VCARD);
    });
  });
});
