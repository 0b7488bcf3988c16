import type { MultiWA } from "@multiwa/core";
import type { ReceivedMessage, SimPhone } from "@multiwa/simulator";
import type { proto } from "@whiskeysockets/baileys";
import { apiError } from "../errors.js";
import { samplePng } from "./sample-image.js";
import type { DemoWorld, PhoneSent } from "./world.js";

export type PhoneSend =
  | { type: "text"; text: string }
  | { type: "image"; caption?: string; base64?: string; mimetype?: "image/png" | "image/jpeg" }
  | { type: "reaction"; messageId: string; emoji: string }
  | { type: "poll_vote"; messageId: string; options: string[] };

export interface PhoneMessage {
  id: string;
  direction: "in" | "out";
  type: string;
  text?: string;
  options?: string[];
  target?: string;
  at: number;
  status?: "queued" | "sending" | "sent" | "delivered" | "read" | "failed";
  /** When the gateway received this phone's delivery and read receipts. */
  receipts?: { delivered?: number; read?: number };
}

/** The contact's phone and the profile's line, or a 4xx saying what to do first. */
export function phonePair(world: DemoWorld, profileId: string, phone: string): { contact: SimPhone; line: SimPhone } {
  const contact = world.contact(phone);
  if (!contact)
    throw apiError(404, {
      code: "NOT_FOUND",
      message: `No simulated contact ${phone}; GET /api/demo lists them`,
      field: "phone",
    });
  const line = world.line(profileId);
  if (!line)
    throw apiError(409, {
      code: "DEMO_NOT_LINKED",
      message: `Profile "${profileId}" is not linked to a demo phone yet: start it and link a demo phone`,
      field: "id",
    });
  return { contact, line };
}

/** Both directions, oldest first; what the profile sent carries the status its record reached through this phone's receipts. */
export async function conversation(
  wa: MultiWA,
  world: DemoWorld,
  profileId: string,
  contact: SimPhone,
): Promise<PhoneMessage[]> {
  const received = await Promise.all(
    world.received(profileId, contact).map(async (m) => {
      const status = await wa.messages.get(profileId, m.id).then(
        (r) => r.status,
        () => undefined,
      );
      const receipts = world.receipts(profileId, m.id);
      return {
        ...summarize(m.message),
        id: m.id,
        direction: "in" as const,
        at: m.timestamp,
        ...(status ? { status } : {}),
        ...(receipts ? { receipts } : {}),
      };
    }),
  );
  const sent = world
    .sent(profileId, contact.pn)
    .map(({ profileId: _p, contact: _c, ...s }) => ({ ...s, direction: "out" as const }));
  return [...received, ...sent].sort((a, b) => a.at - b.at);
}

/** The contact sends to the profile's line over the simulated network (real Signal encryption to the Baileys client). */
export async function send(
  world: DemoWorld,
  profileId: string,
  contact: SimPhone,
  line: SimPhone,
  body: PhoneSend,
): Promise<PhoneMessage> {
  const base = { profileId, contact: contact.pn, at: Date.now() };
  let entry: PhoneSent;
  if (body.type === "text") {
    entry = { ...base, type: "text", text: body.text, id: (await contact.sendText(line, body.text)).id };
  } else if (body.type === "image") {
    const data = body.base64 ? Buffer.from(body.base64, "base64") : samplePng();
    const sent = await contact.sendMedia(line, "image", {
      data,
      mimetype: body.base64 ? (body.mimetype ?? "image/png") : "image/png",
      ...(body.caption ? { caption: body.caption } : {}),
    });
    entry = { ...base, type: "image", id: sent.id, ...(body.caption ? { text: body.caption } : {}) };
  } else {
    const target = receivedMessage(world, profileId, contact, body.messageId);
    if (body.type === "reaction") {
      const sent = await contact.sendReaction(line, { remoteJid: line.jid, fromMe: false, id: target.id }, body.emoji);
      entry = { ...base, type: "reaction", id: sent.id, text: body.emoji, target: target.id };
    } else {
      const poll = summarize(target.message);
      if (poll.type !== "poll")
        throw apiError(422, {
          code: "VALIDATION_FAILED",
          message: `Message ${target.id} is not a poll`,
          field: "messageId",
        });
      const unknown = body.options.find((o) => !poll.options?.includes(o));
      if (unknown)
        throw apiError(422, {
          code: "VALIDATION_FAILED",
          message: `"${unknown}" is not an option of this poll (${poll.options?.join(", ")})`,
          field: "options",
        });
      const sent = await contact.votePoll(target, body.options);
      entry = { ...base, type: "poll_vote", id: sent.id, text: body.options.join(", "), target: target.id };
    }
  }
  world.record(entry);
  const { profileId: _p, contact: _c, ...view } = entry;
  return { ...view, direction: "out" };
}

/** What a phone shows of a message: its kind and readable text. */
export function summarize(message: proto.IMessage): { type: string; text?: string; options?: string[] } {
  const m = message;
  const text = m.conversation ?? m.extendedTextMessage?.text;
  if (text != null) return { type: "text", text };
  const poll = m.pollCreationMessage ?? m.pollCreationMessageV2 ?? m.pollCreationMessageV3;
  if (poll)
    return { type: "poll", text: poll.name ?? "", options: (poll.options ?? []).map((o) => o.optionName ?? "") };
  if (m.imageMessage) return { type: "image", ...(m.imageMessage.caption ? { text: m.imageMessage.caption } : {}) };
  if (m.videoMessage) return { type: "video", ...(m.videoMessage.caption ? { text: m.videoMessage.caption } : {}) };
  if (m.audioMessage) return { type: m.audioMessage.ptt ? "voice" : "audio" };
  if (m.documentMessage) return { type: "document", text: m.documentMessage.fileName ?? "" };
  if (m.stickerMessage) return { type: "sticker" };
  if (m.reactionMessage) return { type: "reaction", text: m.reactionMessage.text ?? "" };
  if (m.locationMessage)
    return {
      type: "location",
      text: m.locationMessage.name ?? `${m.locationMessage.degreesLatitude}, ${m.locationMessage.degreesLongitude}`,
    };
  if (m.contactMessage) return { type: "contact", text: m.contactMessage.displayName ?? "" };
  return {
    type:
      Object.keys(m)
        .find((k) => k !== "messageContextInfo")
        ?.replace(/Message$/, "") ?? "unknown",
  };
}

// --- Internal helpers ---

function receivedMessage(world: DemoWorld, profileId: string, contact: SimPhone, id: string): ReceivedMessage {
  const found = world.received(profileId, contact).find((m) => m.id === id);
  if (!found)
    throw apiError(404, {
      code: "NOT_FOUND",
      message: `The profile sent no message ${id} to ${contact.pn}`,
      field: "messageId",
    });
  return found;
}
