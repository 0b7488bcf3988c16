import type WAWebJS from "whatsapp-web.js";
import type { ContactCard, EngineContent, EngineSendOptions } from "@multiwa/core";
import { toWid } from "./ids.js";
import type { WwebjsClient, WwebjsLib } from "./wwebjs.js";

type Sendable = Extract<
  EngineContent,
  { type: "text" | "image" | "video" | "audio" | "document" | "sticker" | "location" | "contact" | "poll" }
>;

export interface PreparedSend {
  content: WAWebJS.MessageContent;
  options: WAWebJS.MessageSendOptions;
}

/** Core content → the arguments of `client.sendMessage`, using whatsapp-web.js's own classes (it checks `instanceof`). */
export async function prepareSend(
  lib: WwebjsLib,
  client: WwebjsClient,
  content: Sendable,
  options: EngineSendOptions,
  quotedKey?: string,
): Promise<PreparedSend> {
  const base: WAWebJS.MessageSendOptions = {
    // Marking the chat as seen on every send is whatsapp-web.js's default; a gateway should not read for the user.
    sendSeen: false,
    ...(quotedKey ? { quotedMessageId: quotedKey } : {}),
    ...(options.mentions?.length ? { mentions: options.mentions.map(toWid) } : {}),
  };
  switch (content.type) {
    case "text":
      // A text that looks like a vCard would be sent as a contact card.
      return { content: content.text, options: { ...base, parseVCards: false } };
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const fileName = content.type === "document" ? content.fileName : undefined;
      const media = new lib.MessageMedia(
        content.media.mimetype,
        Buffer.from(content.media.data).toString("base64"),
        fileName ?? null,
        content.media.data.byteLength,
      );
      const caption = "caption" in content && content.caption ? { caption: content.caption } : {};
      const flags: WAWebJS.MessageSendOptions =
        content.type === "audio"
          ? { sendAudioAsVoice: Boolean(content.ptt) }
          : content.type === "video"
            ? { sendVideoAsGif: Boolean(content.gif) }
            : content.type === "sticker"
              ? { sendMediaAsSticker: true }
              : content.type === "document"
                ? { sendMediaAsDocument: true }
                : {};
      return { content: media, options: { ...base, ...caption, ...flags } };
    }
    case "location":
      return {
        content: new lib.Location(content.latitude, content.longitude, {
          ...(content.name ? { name: content.name } : {}),
          ...(content.address ? { address: content.address } : {}),
        }),
        options: base,
      };
    case "poll":
      // WhatsApp Web knows "one answer" or "any number of answers", nothing in between.
      return {
        content: new lib.Poll(content.name, content.options, {
          allowMultipleAnswers: content.selectableCount !== 1,
          messageSecret: undefined,
        }),
        options: base,
      };
    case "contact":
      if (content.contacts.length === 1)
        return { content: toVcard(content.contacts[0]!), options: { ...base, parseVCards: true } };
      // Several cards go out as one multi-contact message, built by WhatsApp Web from its own contact records.
      return {
        content: await Promise.all(content.contacts.map((c) => client.getContactById(`${digits(c.phone)}@c.us`))),
        options: base,
      };
  }
}

export function toVcard(card: ContactCard): string {
  const waid = digits(card.phone);
  return [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `FN:${escapeVcard(card.name)}`,
    ...(card.organization ? [`ORG:${escapeVcard(card.organization)};`] : []),
    `TEL;type=CELL;type=VOICE;waid=${waid}:${card.phone}`,
    "END:VCARD",
  ].join("\n");
}

/** The name and phone of a vCard, as WhatsApp writes them. */
export function parseVcard(vcard: string): { name: string; vcard: string; phone?: string } {
  const name = /^FN:(.*)$/m.exec(vcard)?.[1]?.trim() ?? "";
  const tel = /^TEL[^:]*?(?:waid=(\d+))?[^:]*:(.*)$/m.exec(vcard);
  const phone = tel?.[1] ?? tel?.[2]?.replace(/[^\d+]/g, "");
  return { name: name.replace(/\\([,;\\])/g, "$1"), vcard, ...(phone ? { phone } : {}) };
}

// --- Internal helpers ---

function digits(phone: string): string {
  return phone.replace(/\D/g, "");
}

function escapeVcard(value: string): string {
  return value.replace(/([,;\\])/g, "\\$1").replace(/\n/g, "\\n");
}
