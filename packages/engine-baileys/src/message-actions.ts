import { MultiWAError, type LinkPreview, type PinDuration, type WAMessage } from "@multiwa/core";
import type {
  AnyMessageContent,
  proto,
  WAMessage as BaileysMessage,
  WAMessageKey,
  WAUrlInfo,
} from "@whiskeysockets/baileys";

// Message actions (issue #20): forward, pin, and a link preview the caller supplies. Baileys is
// loaded lazily, so only its types are imported here; the pin types are PinInChat.Type's numbers.
const PIN_FOR_ALL = 1 as proto.PinInChat.Type;
const UNPIN_FOR_ALL = 2 as proto.PinInChat.Type;

/**
 * Baileys' `forward` content: the original as this session received or sent it, or as its stored media
 * reference rebuilds it (media keep their keys, so nothing is uploaded again; media-refs.ts), or rebuilt
 * from the history for text. Baileys adds `isForwarded` and raises the forwarding score unless the
 * original was our own.
 */
export function forwardContent(original: proto.IWebMessageInfo | undefined, message: WAMessage): AnyMessageContent {
  if (original) return { forward: original as BaileysMessage };
  if (message.content.type !== "text")
    throw new MultiWAError(
      "MESSAGE_NOT_FOUND",
      `Message ${message.id} is neither in this session's memory nor has a stored media reference`,
      { scope: "baileys", details: { field: "messageId", value: message.id } },
    );
  const score = message.forwarded ?? 0;
  return {
    forward: {
      key: { remoteJid: message.chatId, id: message.id, fromMe: message.fromMe },
      message: score
        ? {
            extendedTextMessage: {
              text: message.content.text,
              contextInfo: { forwardingScore: score, isForwarded: true },
            },
          }
        : { conversation: message.content.text },
    } as BaileysMessage,
  };
}

/** The caller's preview as Baileys' url info, so Baileys fetches nothing. */
export function urlInfo(preview: LinkPreview): WAUrlInfo {
  return {
    "canonical-url": preview.url,
    "matched-text": preview.url,
    title: preview.title,
    ...(preview.description ? { description: preview.description } : {}),
    ...(preview.thumbnail ? { jpegThumbnail: Buffer.from(preview.thumbnail, "base64") } : {}),
  };
}

/** A pin-in-chat message for everyone; `null` unpins. */
export function pinContent(key: WAMessageKey, seconds: PinDuration | null): AnyMessageContent {
  return seconds === null ? { pin: key, type: UNPIN_FOR_ALL } : { pin: key, type: PIN_FOR_ALL, time: seconds };
}
