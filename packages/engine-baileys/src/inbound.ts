import type { InboundContent, MessageRef } from "@multiwa/core";
import type { proto } from "@whiskeysockets/baileys";

// Plain proto → MultiWA conversions, with no Baileys runtime: the test harness reuses them for
// what the simulated phone decrypted.

/** protocolMessage types we surface (proto.Message.ProtocolMessage.Type). */
const REVOKE = 0;
const MESSAGE_EDIT = 14;

const WRAPPERS = [
  "ephemeralMessage",
  "viewOnceMessage",
  "viewOnceMessageV2",
  "viewOnceMessageV2Extension",
  "documentWithCaptionMessage",
  "editedMessage",
  "deviceSentMessage",
] as const;

/** Unwraps ephemeral/view-once/edited/device-sent envelopes down to the real content. */
export function unwrapMessage(message: proto.IMessage | null | undefined): proto.IMessage | undefined {
  let m = message ?? undefined;
  for (let depth = 0; m && depth < 5; depth++) {
    const wrapper = WRAPPERS.find(
      (k) => (m as Record<string, { message?: proto.IMessage } | null | undefined>)[k]?.message,
    );
    if (!wrapper) break;
    m = (m[wrapper] as { message?: proto.IMessage }).message ?? undefined;
  }
  return m;
}

/** What a message says, in MultiWA's shape; `undefined` for signalling with nothing to show. */
export function toInboundContent(message: proto.IMessage | null | undefined): InboundContent | undefined {
  const m = unwrapMessage(message);
  if (!m) return undefined;
  if (m.conversation != null) return { type: "text", text: m.conversation };
  if (m.extendedTextMessage) return extendedText(m.extendedTextMessage);
  // View-once media (#21) arrives like any other, flagged: it was "unknown" behind its wrapper before.
  const once = isViewOnce(message) ? { viewOnce: true } : {};
  if (m.imageMessage) return { ...media("image", m.imageMessage), ...once };
  if (m.videoMessage) return { ...media("video", m.videoMessage), ...once };
  if (m.audioMessage) return { ...media("audio", m.audioMessage), ptt: Boolean(m.audioMessage.ptt), ...once };
  if (m.documentMessage)
    return { ...media("document", m.documentMessage), ...opt("fileName", m.documentMessage.fileName) };
  if (m.stickerMessage) return media("sticker", m.stickerMessage);
  if (m.locationMessage) {
    const l = m.locationMessage;
    return {
      type: "location",
      latitude: l.degreesLatitude ?? 0,
      longitude: l.degreesLongitude ?? 0,
      ...opt("name", l.name),
      ...opt("address", l.address),
    };
  }
  if (m.liveLocationMessage) return liveLocation(m.liveLocationMessage);
  if (m.eventMessage) return event(m.eventMessage);
  if (m.contactMessage) return { type: "contact", contacts: [contact(m.contactMessage)] };
  if (m.contactsArrayMessage)
    return { type: "contact", contacts: (m.contactsArrayMessage.contacts ?? []).map(contact) };
  if (m.reactionMessage)
    return { type: "reaction", target: ref(m.reactionMessage.key), emoji: m.reactionMessage.text ?? "" };
  const poll = m.pollCreationMessage ?? m.pollCreationMessageV2 ?? m.pollCreationMessageV3;
  if (poll) {
    return {
      type: "poll",
      name: poll.name ?? "",
      options: (poll.options ?? []).map((o) => o.optionName ?? ""),
      selectableCount: poll.selectableOptionsCount ?? 0,
    };
  }
  const protocol = m.protocolMessage;
  if (protocol?.type === REVOKE && protocol.key) return { type: "delete", target: ref(protocol.key) };
  if (protocol?.type === MESSAGE_EDIT && protocol.key) {
    return { type: "edit", target: ref(protocol.key), text: textOf(protocol.editedMessage) ?? "" };
  }
  // Key shares, history-sync notices, sender-key distribution, poll votes (reported as `poll.vote`),
  // pins (reported as `message.pinned`), event answers (reported as `event.response`).
  if (
    protocol ||
    m.senderKeyDistributionMessage ||
    m.pollUpdateMessage ||
    m.pinInChatMessage ||
    m.encEventResponseMessage ||
    m.messageContextInfo
  )
    return undefined;
  return { type: "unknown", raw: Object.keys(m).join(",") };
}

/** The context (quote, forwarding) of a message's content, if it has one. */
function contextOf(message: proto.IMessage | null | undefined): proto.IContextInfo | undefined {
  const m = unwrapMessage(message);
  if (!m) return undefined;
  for (const value of Object.values(m)) {
    const context = (value as { contextInfo?: proto.IContextInfo | null } | null)?.contextInfo;
    if (context) return context;
  }
  return undefined;
}

/** The id of the message this one quotes, if any. */
export function quotedIdOf(message: proto.IMessage | null | undefined): string | undefined {
  return contextOf(message)?.stanzaId || undefined;
}

/** WhatsApp's forwarding score when the message came forwarded (issue #20). */
export function forwardingScoreOf(message: proto.IMessage | null | undefined): number | undefined {
  const context = contextOf(message);
  return context?.isForwarded ? Math.max(1, context.forwardingScore ?? 1) : undefined;
}

/** The text of a plain or extended text message. */
export function textOf(message: proto.IMessage | null | undefined): string | undefined {
  const m = unwrapMessage(message);
  return (
    m?.conversation ?? m?.extendedTextMessage?.text ?? m?.imageMessage?.caption ?? m?.videoMessage?.caption ?? undefined
  );
}

/** A phone JID from a vCard's `TEL;waid=…` or `TEL:` line. */
export function phoneFromVcard(vcard: string | null | undefined): string | undefined {
  if (!vcard) return undefined;
  const waid = /waid=(\d+)/i.exec(vcard)?.[1];
  const tel = waid ?? /^TEL[^:]*:([+\d\s\-()]+)$/im.exec(vcard)?.[1]?.replace(/\D/g, "");
  return tel ? `${tel}@s.whatsapp.net` : undefined;
}

// --- Internal helpers ---

const VIEW_ONCE = ["viewOnceMessage", "viewOnceMessageV2", "viewOnceMessageV2Extension"] as const;

/** Whether a view-once envelope (or the media's own flag) marks the message. */
function isViewOnce(message: proto.IMessage | null | undefined): boolean {
  let m = message ?? undefined;
  for (let depth = 0; m && depth < 5; depth++) {
    if (VIEW_ONCE.some((k) => m![k]?.message)) return true;
    if (m.imageMessage?.viewOnce || m.videoMessage?.viewOnce || m.audioMessage?.viewOnce) return true;
    const wrapper = WRAPPERS.find(
      (k) => (m as Record<string, { message?: proto.IMessage } | null | undefined>)[k]?.message,
    );
    m = wrapper ? ((m[wrapper] as { message?: proto.IMessage }).message ?? undefined) : undefined;
  }
  return false;
}

/** A live location share's position (#21); the listener tells a share's start from its updates. */
function liveLocation(l: proto.Message.ILiveLocationMessage): InboundContent {
  return {
    type: "location",
    latitude: l.degreesLatitude ?? 0,
    longitude: l.degreesLongitude ?? 0,
    live: true,
    ...opt("caption", l.caption),
    ...(l.accuracyInMeters != null ? { accuracy: l.accuracyInMeters } : {}),
    ...(l.sequenceNumber != null ? { sequence: Number(l.sequenceNumber) } : {}),
  };
}

/** An event (#21): WhatsApp carries seconds, MultiWA milliseconds. */
function event(e: proto.Message.IEventMessage): InboundContent {
  const end = e.endTime != null ? Number(e.endTime) : 0;
  const place = e.location;
  return {
    type: "event",
    name: e.name ?? "",
    ...opt("description", e.description),
    startTime: Number(e.startTime ?? 0) * 1000,
    ...(end > 0 ? { endTime: end * 1000 } : {}),
    ...(place?.name
      ? {
          location: {
            name: place.name,
            ...(place.degreesLatitude ? { latitude: place.degreesLatitude } : {}),
            ...(place.degreesLongitude ? { longitude: place.degreesLongitude } : {}),
          },
        }
      : {}),
    ...opt("joinLink", e.joinLink),
    ...(e.isCanceled ? { canceled: true } : {}),
  };
}

/** A text, with the preview the sender's app made of a link in it (#20): the link is in `matchedText`. */
function extendedText(e: proto.Message.IExtendedTextMessage): InboundContent {
  const url = e.matchedText;
  const preview =
    url && (e.title || e.description)
      ? { url, ...opt("title", e.title), ...opt("description", e.description) }
      : undefined;
  return { type: "text", text: e.text ?? "", ...(preview ? { linkPreview: preview } : {}) };
}

type MediaFields = { mimetype?: string | null; caption?: string | null; fileLength?: number | Long | null };
type Long = { toNumber(): number };

function media<T extends "image" | "video" | "audio" | "document" | "sticker">(type: T, m: MediaFields) {
  const size =
    m.fileLength == null ? undefined : typeof m.fileLength === "number" ? m.fileLength : Number(m.fileLength);
  return {
    type,
    ...opt("mimetype", m.mimetype),
    ...opt("caption", m.caption),
    ...(size !== undefined ? { size } : {}),
  };
}

function contact(c: proto.Message.IContactMessage): { name: string; vcard?: string; phone?: string } {
  const phone = phoneFromVcard(c.vcard);
  return { name: c.displayName ?? "", ...opt("vcard", c.vcard), ...(phone ? { phone } : {}) };
}

function ref(key: proto.IMessageKey | null | undefined): MessageRef {
  return {
    id: key?.id ?? "",
    ...(key?.fromMe != null ? { fromMe: key.fromMe } : {}),
    ...opt("participant", key?.participant),
  };
}

function opt<K extends string>(name: K, value: string | null | undefined): { [P in K]?: string } {
  return (value ? { [name]: value } : {}) as { [P in K]?: string };
}
