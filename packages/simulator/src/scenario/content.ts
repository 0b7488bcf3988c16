import { createHash, randomBytes } from "node:crypto";
import { aesEncryptGCM, hmacSign, proto } from "@whiskeysockets/baileys";
import type { MediaStore } from "../server/media.js";
import type { MediaInput, SendOptions } from "../types.js";

export type MediaKind = "image" | "video" | "audio" | "document" | "sticker";

const DEFAULT_MIME: Record<MediaKind, string> = {
  image: "image/jpeg",
  video: "video/mp4",
  audio: "audio/ogg; codecs=opus",
  document: "application/octet-stream",
  sticker: "image/webp",
};

/** Text, or an extendedTextMessage when it quotes another message. */
export const textContent = (text: string, opts: SendOptions = {}): proto.IMessage =>
  opts.quoted ? { extendedTextMessage: { text, contextInfo: quoteContext(opts.quoted) } } : { conversation: text };

export const quoteContext = (q: NonNullable<SendOptions["quoted"]>): proto.IContextInfo => ({
  stanzaId: q.id,
  participant: q.participant,
  quotedMessage: q.message ?? { conversation: "" },
});

/** Encrypts and hosts the media, then builds the matching `<kind>Message`. */
export const mediaContent = async (media: MediaStore, kind: MediaKind, input: MediaInput): Promise<proto.IMessage> => {
  const hosted = await media.host(input.data, kind);
  const base = {
    url: hosted.url,
    mimetype: input.mimetype ?? DEFAULT_MIME[kind],
    fileSha256: hosted.fileSha256,
    fileEncSha256: hosted.fileEncSha256,
    fileLength: hosted.fileLength,
    mediaKey: hosted.mediaKey,
    mediaKeyTimestamp: Math.floor(Date.now() / 1000),
  };
  switch (kind) {
    case "image":
      return { imageMessage: { ...base, caption: input.caption } };
    case "video":
      return { videoMessage: { ...base, caption: input.caption, seconds: input.seconds } };
    case "audio":
      return { audioMessage: { ...base, ptt: input.ptt ?? false, seconds: input.seconds } };
    case "document":
      return { documentMessage: { ...base, fileName: input.fileName ?? "file", caption: input.caption } };
    case "sticker":
      return { stickerMessage: base };
  }
};

export const reactionContent = (key: proto.IMessageKey, emoji: string): proto.IMessage => ({
  reactionMessage: { key, text: emoji, senderTimestampMs: Date.now() },
});

/**
 * A pin-in-chat message for everyone (#20), as WhatsApp apps send it: PinInChat.Type 1 pins for
 * `seconds`, 2 (`seconds` null) unpins.
 */
export const pinContent = (key: proto.IMessageKey, seconds: number | null): proto.IMessage => ({
  pinInChatMessage: { key, type: seconds === null ? 2 : 1, senderTimestampMs: Date.now() },
  ...(seconds === null ? {} : { messageContextInfo: { messageAddOnDurationInSecs: seconds } }),
});

/** A text whose link the sending app previewed (#20): the link in `matchedText`, as Baileys sends it. */
export const linkPreviewContent = (
  text: string,
  preview: { url: string; title: string; description?: string },
): proto.IMessage => ({
  extendedTextMessage: {
    text,
    matchedText: preview.url,
    title: preview.title,
    description: preview.description,
    previewType: 0,
  },
});

export const pollContent = (name: string, options: string[], selectableCount = 1): proto.IMessage => ({
  // Poll votes are encrypted with this secret, so real clients always send one.
  messageContextInfo: { messageSecret: randomBytes(32) },
  pollCreationMessage: {
    name,
    options: options.map((optionName) => ({ optionName })),
    selectableOptionsCount: selectableCount,
  },
});

export const locationContent = (loc: {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}): proto.IMessage => ({
  locationMessage: {
    degreesLatitude: loc.latitude,
    degreesLongitude: loc.longitude,
    name: loc.name,
    address: loc.address,
  },
});

export const contactContent = (displayName: string, vcard: string): proto.IMessage => ({
  contactMessage: { displayName, vcard },
});

/**
 * A vote on someone's poll, encrypted the WhatsApp way with the poll's `messageSecret`
 * (inverse of Baileys' `decryptPollVote`). `creator` and `voter` are the user JIDs the key is
 * bound to; the receiver must use the same ones.
 */
export const pollVoteContent = (
  poll: { id: string; chat: string; secret: Uint8Array },
  creator: string,
  voter: string,
  selected: string[],
): proto.IMessage => {
  const plain = proto.Message.PollVoteMessage.encode({
    selectedOptions: selected.map((o) => createHash("sha256").update(o).digest()),
  }).finish();
  const sign = Buffer.concat([
    Buffer.from(poll.id),
    Buffer.from(creator),
    Buffer.from(voter),
    Buffer.from("Poll Vote"),
    Buffer.from([1]),
  ]);
  const key = hmacSign(sign, hmacSign(Buffer.from(poll.secret), Buffer.alloc(32)));
  const encIv = randomBytes(12);
  const encPayload = aesEncryptGCM(plain, key, encIv, Buffer.from(`${poll.id}\u0000${voter}`));
  return {
    pollUpdateMessage: {
      pollCreationMessageKey: { remoteJid: poll.chat, fromMe: false, id: poll.id },
      vote: { encPayload, encIv },
      senderTimestampMs: Date.now(),
    },
  };
};

/** Edits an earlier message of this phone (WhatsApp allows edits within 15 minutes). */
export const editContent = (key: proto.IMessageKey, text: string): proto.IMessage => ({
  protocolMessage: {
    key,
    type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
    editedMessage: { conversation: text },
    timestampMs: Date.now(),
  },
});

/** "Delete for everyone" of an earlier message. */
export const revokeContent = (key: proto.IMessageKey): proto.IMessage => ({
  protocolMessage: { key, type: proto.Message.ProtocolMessage.Type.REVOKE },
});

/** The stanza `type` WhatsApp uses for a message (text, media, reaction, poll, event). */
export const stanzaType = (m: proto.IMessage): string => {
  if (m.reactionMessage) return "reaction";
  if (m.pollCreationMessage || m.pollCreationMessageV3 || m.pollUpdateMessage) return "poll";
  if (m.eventMessage) return "event";
  if (m.viewOnceMessageV2 || m.liveLocationMessage) return "media";
  if (
    m.imageMessage ||
    m.videoMessage ||
    m.audioMessage ||
    m.documentMessage ||
    m.stickerMessage ||
    m.locationMessage ||
    m.contactMessage
  )
    return "media";
  return "text";
};

/** `mediatype` attribute of `<enc>` for media messages. */
export const mediaTypeAttr = (m: proto.IMessage): string | undefined => {
  if (m.imageMessage) return "image";
  if (m.videoMessage) return m.videoMessage.gifPlayback ? "gif" : "video";
  if (m.audioMessage) return m.audioMessage.ptt ? "ptt" : "audio";
  if (m.documentMessage) return "document";
  if (m.stickerMessage) return "sticker";
  if (m.locationMessage) return "location";
  if (m.contactMessage) return "vcard";
  return undefined;
};
