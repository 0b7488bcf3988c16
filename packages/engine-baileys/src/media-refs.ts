import type { EngineMediaRefs, WAMessage } from "@multiwa/core";
import type { proto, WAMessage as BaileysMessage } from "@whiskeysockets/baileys";
import { unwrapMessage } from "./inbound.js";
import type { MessageCache } from "./message-cache.js";

// Issue #20: a media message's proto fields, kept beside the history so a forward or a download works
// after the original left the recent-message cache (a restart): WhatsApp resends the same encrypted file
// under the same key, so nothing is uploaded again. The ref is this engine's JSON, bytes in base64.
const MEDIA_TYPES = ["imageMessage", "videoMessage", "audioMessage", "documentMessage", "stickerMessage"] as const;
type MediaType = (typeof MEDIA_TYPES)[number];
/** What a resend and a download need, and what each type shows; the thumbnail keeps the preview. */
const FIELDS = [
  "url",
  "directPath",
  "mediaKey",
  "mediaKeyTimestamp",
  "fileEncSha256",
  "fileSha256",
  "fileLength",
  "mimetype",
  "caption",
  "width",
  "height",
  "seconds",
  "ptt",
  "gifPlayback",
  "fileName",
  "title",
  "pageCount",
  "isAnimated",
  "waveform",
  "jpegThumbnail",
] as const;
const BYTES = new Set(["mediaKey", "fileEncSha256", "fileSha256", "jpegThumbnail", "waveform"]);

interface StoredRef {
  type: MediaType;
  fields: Record<string, string | number | boolean>;
}

/** The reference of a media message, or undefined for any other. */
export function mediaRefOf(info: proto.IWebMessageInfo): StoredRef | undefined {
  const m = unwrapMessage(info.message);
  const type = m && MEDIA_TYPES.find((t) => m[t]);
  const media = type && (m[type] as Record<string, unknown>);
  if (!type || !media?.mediaKey || !(media.url || media.directPath)) return undefined;
  const fields: StoredRef["fields"] = {};
  for (const name of FIELDS) {
    const value = media[name];
    if (value == null) continue;
    if (BYTES.has(name)) fields[name] = Buffer.from(value as Uint8Array).toString("base64");
    // fileLength and mediaKeyTimestamp may be protobuf Longs.
    else fields[name] = typeof value === "object" ? Number(value) : (value as string | number | boolean);
  }
  return { type, fields };
}

/** Keeps the reference of a sent or received media message; other messages are skipped. */
export async function saveMediaRef(
  refs: EngineMediaRefs | undefined,
  info: proto.IWebMessageInfo,
  timestamp: number,
): Promise<void> {
  const ref = refs && info.key?.id ? mediaRefOf(info) : undefined;
  if (ref) await refs!.save(info.key!.id!, timestamp, ref as unknown as Record<string, unknown>);
}

/**
 * The message as Baileys knows it: from the recent-message cache, or rebuilt from its stored media
 * reference (keyed as the history has it); undefined when neither has it.
 */
export async function originalMessage(
  cache: MessageCache,
  refs: EngineMediaRefs | undefined,
  message: WAMessage,
): Promise<proto.IWebMessageInfo | undefined> {
  const cached = cache.get(message.id);
  if (cached?.key && cached.message) return cached;
  const ref = (await refs?.get(message.id)) as StoredRef | undefined;
  if (!ref || !MEDIA_TYPES.includes(ref.type)) return undefined;
  const media: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(ref.fields))
    media[name] = BYTES.has(name) ? Buffer.from(String(value), "base64") : value;
  const inGroup = message.chatId.endsWith("@g.us");
  return {
    key: {
      remoteJid: message.chatId,
      id: message.id,
      fromMe: message.fromMe,
      ...(inGroup && !message.fromMe ? { participant: message.sender } : {}),
    },
    message: { [ref.type]: media },
    messageTimestamp: Math.floor(message.timestamp / 1000),
  } as BaileysMessage;
}
