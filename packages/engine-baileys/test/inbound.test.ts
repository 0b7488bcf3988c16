import { describe, expect, it } from "vitest";
import { phoneFromVcard, quotedIdOf, toInboundContent } from "../src/inbound.js";
import { toBaileysContent, toVcard } from "../src/outbound.js";

describe("toInboundContent", () => {
  // #21: view-once media keeps its flag (it lost it behind the wrapper).
  it("unwraps ephemeral and view-once envelopes, flagging view-once media", () => {
    expect(
      toInboundContent({
        ephemeralMessage: {
          message: {
            viewOnceMessageV2: { message: { imageMessage: { mimetype: "image/png", caption: "c", fileLength: 12 } } },
          },
        },
      }),
    ).toEqual({ type: "image", mimetype: "image/png", caption: "c", size: 12, viewOnce: true });
    expect(toInboundContent({ audioMessage: { mimetype: "audio/ogg", viewOnce: true, ptt: true } })).toEqual({
      type: "audio",
      mimetype: "audio/ogg",
      ptt: true,
      viewOnce: true,
    });
    expect(toInboundContent({ imageMessage: { mimetype: "image/png" } })).toEqual({
      type: "image",
      mimetype: "image/png",
    });
  });

  // #21: events and live locations were `unknown` / plain locations; an event's answer is signalling.
  it("reads events and live locations, and hides event answers", () => {
    expect(
      toInboundContent({
        messageContextInfo: { messageSecret: new Uint8Array(32) },
        eventMessage: {
          name: "Launch",
          description: "Cake",
          startTime: 1_800_000_000,
          endTime: 1_800_003_600,
          location: { name: "Hall", degreesLatitude: -6.2, degreesLongitude: 106.8 },
          joinLink: "https://call.whatsapp.com/video/x",
          isCanceled: true,
        },
      }),
    ).toEqual({
      type: "event",
      name: "Launch",
      description: "Cake",
      startTime: 1_800_000_000_000,
      endTime: 1_800_003_600_000,
      location: { name: "Hall", latitude: -6.2, longitude: 106.8 },
      joinLink: "https://call.whatsapp.com/video/x",
      canceled: true,
    });
    expect(
      toInboundContent({
        liveLocationMessage: { degreesLatitude: 1, degreesLongitude: 2, accuracyInMeters: 7, sequenceNumber: 3 },
      }),
    ).toEqual({ type: "location", latitude: 1, longitude: 2, live: true, accuracy: 7, sequence: 3 });
    expect(
      toInboundContent({
        encEventResponseMessage: { eventCreationMessageKey: { id: "E" }, encPayload: new Uint8Array(1) },
      }),
    ).toBeUndefined();
    expect(
      toBaileysContent(
        { type: "event", name: "Launch", startTime: 1_800_000_000_000, location: { name: "Hall" } },
        () => ({}),
      ),
    ).toMatchObject({
      event: { name: "Launch", startDate: new Date(1_800_000_000_000), location: { name: "Hall" } },
    });
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
