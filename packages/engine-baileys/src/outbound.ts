import { MultiWAError, type ContactCard, type EngineContent, type MessageRef } from "@multiwa/core";
import type { AnyMessageContent, proto } from "@whiskeysockets/baileys";
import { eventContent } from "./events.js";
import { urlInfo } from "./message-actions.js";

/**
 * EngineContent → Baileys `sendMessage` content. `keyOf` turns a MessageRef into the full key
 * of the target (it knows the sender of cached messages); `mentions` apply to text and captions.
 */
export function toBaileysContent(
  content: EngineContent,
  keyOf: (target: MessageRef, defaultFromMe: boolean) => proto.IMessageKey,
  mentions?: string[],
): AnyMessageContent {
  const withMentions = mentions?.length ? { mentions } : {};
  switch (content.type) {
    case "text":
      // A preview the caller gave, or none: Baileys would otherwise fetch the link itself.
      return {
        text: content.text,
        linkPreview: content.linkPreview ? urlInfo(content.linkPreview) : null,
        ...withMentions,
      };
    case "image":
      return {
        image: buffer(content.media.data),
        mimetype: content.media.mimetype,
        ...caption(content.caption),
        ...withMentions,
      };
    case "video":
      return {
        video: buffer(content.media.data),
        mimetype: content.media.mimetype,
        ...caption(content.caption),
        ...(content.gif ? { gifPlayback: true } : {}),
        ...withMentions,
      };
    case "sticker":
      return { sticker: buffer(content.media.data), mimetype: content.media.mimetype };
    case "audio":
      return { audio: buffer(content.media.data), mimetype: content.media.mimetype, ptt: Boolean(content.ptt) };
    case "document":
      return {
        document: buffer(content.media.data),
        mimetype: content.media.mimetype,
        ...(content.fileName ? { fileName: content.fileName } : {}),
        ...caption(content.caption),
        ...withMentions,
      };
    case "location":
      return {
        location: {
          degreesLatitude: content.latitude,
          degreesLongitude: content.longitude,
          ...(content.name ? { name: content.name } : {}),
          ...(content.address ? { address: content.address } : {}),
        },
      };
    case "contact": {
      const contacts = content.contacts.map((c) => ({ displayName: c.name, vcard: toVcard(c) }));
      return {
        contacts: {
          displayName: contacts.length === 1 ? contacts[0]!.displayName : `${contacts.length} contacts`,
          contacts,
        },
      };
    }
    case "reaction":
      return { react: { text: content.emoji, key: keyOf(content.target, false) } };
    case "poll":
      return { poll: { name: content.name, values: content.options, selectableCount: content.selectableCount } };
    case "event":
      return eventContent(content);
    case "edit":
      return { text: content.text, edit: keyOf(content.target, true) };
    case "delete":
      return { delete: keyOf(content.target, true) };
    default:
      // Interactive messages and templates belong to the official API (not declared by this engine);
      // an event's answer is relayed by the session (events.ts), never built here.
      throw new MultiWAError("CAPABILITY_UNSUPPORTED", `Baileys cannot send \`${content.type}\` messages`, {
        scope: "baileys",
      });
  }
}

/** A vCard 3.0 with the `waid` WhatsApp uses to make the number tappable. */
export function toVcard(card: ContactCard): string {
  const digits = card.phone.replace(/\D/g, "");
  const lines = ["BEGIN:VCARD", "VERSION:3.0", `FN:${escape(card.name)}`];
  if (card.organization) lines.push(`ORG:${escape(card.organization)}`);
  lines.push(`TEL;type=CELL;type=VOICE;waid=${digits}:${card.phone}`, "END:VCARD");
  return lines.join("\n");
}

// --- Internal helpers ---

function buffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function caption(text: string | undefined): { caption?: string } {
  return text ? { caption: text } : {};
}

function escape(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");
}
