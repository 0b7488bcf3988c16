import {
  normalizeUserJid,
  STATUS_JID,
  type EngineSessionContext,
  type EngineStatusContent,
  type InboundStatusContent,
} from "@multiwa/core";
import type {
  AnyMessageContent,
  MiscMessageGenerationOptions,
  proto,
  WAMessage,
  WASocket,
} from "@whiskeysockets/baileys";
import type { PhoneLookup } from "./ids.js";
import { toInboundContent, unwrapMessage } from "./inbound.js";
import { toMillis } from "./wa-message.js";

// Statuses (stories, issue #21). rc14 sends a status like a group message to `status@broadcast`: the
// sender key pairwise to every device of `statusJidList`, the content once (skmsg). `backgroundColor`
// (a `#RRGGBB` string: rc14 drops a number) and `font` are send options, not content.

/** What `sendMessage(STATUS_JID, …)` takes for a status. */
export function statusPayload(
  content: EngineStatusContent,
  recipients: string[],
  id: string,
): { payload: AnyMessageContent; options: MiscMessageGenerationOptions } {
  const options: MiscMessageGenerationOptions = { messageId: id, statusJidList: recipients, broadcast: true };
  switch (content.type) {
    case "text":
      return {
        payload: { text: content.text },
        options: {
          ...options,
          ...(content.backgroundColor ? { backgroundColor: content.backgroundColor } : {}),
          ...(content.font !== undefined ? { font: content.font } : {}),
        },
      };
    case "image":
    case "video": {
      const media = { [content.type]: Buffer.from(content.media.data) } as { image: Buffer } | { video: Buffer };
      return {
        payload: {
          ...media,
          mimetype: content.media.mimetype,
          ...(content.caption ? { caption: content.caption } : {}),
        },
        options,
      };
    }
    case "voice":
      return {
        payload: { audio: Buffer.from(content.media.data), mimetype: content.media.mimetype, ptt: true },
        options: { ...options, ...(content.backgroundColor ? { backgroundColor: content.backgroundColor } : {}) },
      };
  }
}

export async function postStatus(
  sock: WASocket,
  content: EngineStatusContent,
  recipients: string[],
  id: string,
): Promise<{ timestamp: number }> {
  const { payload, options } = statusPayload(content, recipients, id);
  const sent = await sock.sendMessage(STATUS_JID, payload, options);
  return { timestamp: toMillis(sent?.messageTimestamp) };
}

export async function deleteStatus(sock: WASocket, id: string, recipients: string[]): Promise<void> {
  await sock.sendMessage(
    STATUS_JID,
    { delete: { remoteJid: STATUS_JID, fromMe: true, id } },
    { statusJidList: recipients, broadcast: true },
  );
}

/**
 * A message on `status@broadcast` as a `status.*` event instead of a chat message: a contact's status,
 * or its revoke. Our own (echoes, other devices) and signalling are dropped.
 */
export async function emitStatus(info: WAMessage, ctx: EngineSessionContext, lookup: PhoneLookup): Promise<void> {
  const key = info.key;
  if (key.fromMe || !key.id) return;
  const content = toInboundContent(info.message);
  if (!content) return;
  const author = normalizeUserJid(key.participant ?? "");
  const phone = await phoneOf(author, key.participantAlt ?? key.remoteJidAlt ?? undefined, lookup);
  const sender = phone ?? author;
  if (content.type === "delete") {
    ctx.emit("status.deleted", { id: content.target.id, sender, fromMe: false });
    return;
  }
  ctx.emit("status.received", {
    id: key.id,
    sender: author,
    ...(phone ? { senderPhone: phone } : {}),
    ...(info.pushName ? { pushName: info.pushName } : {}),
    timestamp: toMillis(info.messageTimestamp),
    content: statusContent(info.message),
  });
}

/** What a status says, in MultiWA's shape (the test harness maps what simulated phones decrypt with it). */
export function statusContent(message: proto.IMessage | null | undefined): InboundStatusContent {
  const m = unwrapMessage(message);
  const text = m?.extendedTextMessage;
  if (text)
    return {
      type: "text",
      text: text.text ?? "",
      ...(text.backgroundArgb != null ? { backgroundColor: toColour(text.backgroundArgb) } : {}),
      ...(text.font != null ? { font: text.font } : {}),
    };
  const inbound = toInboundContent(message);
  if (!inbound) return { type: "unknown" };
  if (inbound.type === "text") return { type: "text", text: inbound.text };
  if (inbound.type === "image" || inbound.type === "video" || inbound.type === "audio") {
    const { type, mimetype, caption, size } = inbound;
    return {
      type: type === "audio" ? "voice" : type,
      ...(mimetype ? { mimetype } : {}),
      ...(caption ? { caption } : {}),
      ...(size !== undefined ? { size } : {}),
    };
  }
  return { type: "unknown", raw: inbound.type };
}

// --- Internal helpers ---

/** proto's `0xAARRGGBB` → `#RRGGBB`. */
function toColour(argb: number): string {
  return `#${(argb >>> 0).toString(16).padStart(8, "0").slice(2).toUpperCase()}`;
}

async function phoneOf(jid: string, alt: string | undefined, lookup: PhoneLookup): Promise<string | undefined> {
  if (!jid.endsWith("@lid")) return undefined;
  if (alt && !alt.endsWith("@lid")) return normalizeUserJid(alt);
  const found = await lookup(jid).catch(() => undefined);
  return found ? normalizeUserJid(found) : undefined;
}
