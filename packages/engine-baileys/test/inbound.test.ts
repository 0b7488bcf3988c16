import { describe, expect, it } from "vitest";
import { phoneFromVcard, quotedIdOf, toInboundContent } from "../src/inbound.js";
import { toBaileysContent, toVcard } from "../src/outbound.js";

describe("toInboundContent", () => {
  it("unwraps ephemeral and view-once envelopes", () => {
    expect(
      toInboundContent({
        ephemeralMessage: {
          message: {
            viewOnceMessageV2: { message: { imageMessage: { mimetype: "image/png", caption: "c", fileLength: 12 } } },
          },
        },
      }),
    ).toEqual({ type: "image", mimetype: "image/png", caption: "c", size: 12 });
  });

  it("maps revoke and edit protocol messages, and hides signalling", () => {
    expect(toInboundContent({ protocolMessage: { type: 0, key: { id: "X", fromMe: true } } })).toEqual({
      type: "delete",
      target: { id: "X", fromMe: true },
    });
    expect(
      toInboundContent({ protocolMessage: { type: 14, key: { id: "X" }, editedMessage: { conversation: "new" } } }),
    ).toEqual({ type: "edit", target: { id: "X" }, text: "new" });
    expect(toInboundContent({ protocolMessage: { type: 3 } })).toBeUndefined();
    expect(toInboundContent({ senderKeyDistributionMessage: { groupId: "g" } })).toBeUndefined();
    expect(toInboundContent({ callLogMesssage: {} } as never)).toEqual({ type: "unknown", raw: "callLogMesssage" });
  });

  it("reads polls, contacts and quotes", () => {
    expect(
      toInboundContent({
        pollCreationMessageV3: {
          name: "Q",
          options: [{ optionName: "a" }, { optionName: "b" }],
          selectableOptionsCount: 1,
        },
      }),
    ).toEqual({ type: "poll", name: "Q", options: ["a", "b"], selectableCount: 1 });
    const vcard = toVcard({ name: "Ada; L", phone: "+44 20 7946 0000" });
    expect(toInboundContent({ contactMessage: { displayName: "Ada", vcard } })).toEqual({
      type: "contact",
      contacts: [{ name: "Ada", vcard, phone: "442079460000@s.whatsapp.net" }],
    });
    expect(quotedIdOf({ extendedTextMessage: { text: "r", contextInfo: { stanzaId: "Q1" } } })).toBe("Q1");
    expect(phoneFromVcard("BEGIN:VCARD\nTEL:+1 555 0100\nEND:VCARD")).toBe("15550100@s.whatsapp.net");
  });
});

describe("toBaileysContent", () => {
  const keyOf = (target: { id: string; fromMe?: boolean }, fromMe: boolean) => ({
    remoteJid: "1@s.whatsapp.net",
    id: target.id,
    fromMe: target.fromMe ?? fromMe,
  });

  it("builds edits, deletes and reactions on the target's key", () => {
    expect(toBaileysContent({ type: "edit", target: { id: "A" }, text: "t" }, keyOf)).toEqual({
      text: "t",
      edit: { remoteJid: "1@s.whatsapp.net", id: "A", fromMe: true },
    });
    expect(toBaileysContent({ type: "delete", target: { id: "A" } }, keyOf)).toEqual({
      delete: { remoteJid: "1@s.whatsapp.net", id: "A", fromMe: true },
    });
    expect(toBaileysContent({ type: "reaction", target: { id: "B" }, emoji: "👍" }, keyOf)).toEqual({
      react: { text: "👍", key: { remoteJid: "1@s.whatsapp.net", id: "B", fromMe: false } },
    });
  });

  it("passes media as Buffers with their mimetype", () => {
    const content = toBaileysContent(
      { type: "audio", media: { data: new Uint8Array([1, 2]), mimetype: "audio/ogg" }, ptt: true },
      keyOf,
    ) as { audio: Buffer; ptt: boolean };
    expect(Buffer.isBuffer(content.audio)).toBe(true);
    expect(content).toMatchObject({ mimetype: "audio/ogg", ptt: true });
  });
});
