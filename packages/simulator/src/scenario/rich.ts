import { randomBytes } from "node:crypto";
import { aesDecryptGCM, aesEncryptGCM, hmacSign, proto } from "@whiskeysockets/baileys";

// Rich content phones send and answer (#21): events and their encrypted answers, live location
// positions, view-once media. Built the way WhatsApp's apps (and Baileys) put them on the wire.

export type SimEventResponse = "going" | "not_going" | "maybe";
const CODES: Record<SimEventResponse, number> = { going: 1, not_going: 2, maybe: 3 };

export interface SimEvent {
  name: string;
  description?: string;
  /** Milliseconds since the epoch (WhatsApp carries seconds). */
  startTime: number;
  endTime?: number;
  location?: { name: string; latitude?: number; longitude?: number };
  joinLink?: string;
}

export const eventContent = (e: SimEvent): proto.IMessage => ({
  // Answers are encrypted with this secret, so real clients always send one.
  messageContextInfo: { messageSecret: randomBytes(32) },
  eventMessage: {
    name: e.name,
    description: e.description,
    startTime: Math.floor(e.startTime / 1000),
    endTime: e.endTime ? Math.floor(e.endTime / 1000) : undefined,
    location: e.location
      ? { name: e.location.name, degreesLatitude: e.location.latitude, degreesLongitude: e.location.longitude }
      : undefined,
    joinLink: e.joinLink,
    isCanceled: false,
    extraGuestsAllowed: false,
  },
});

/** The key an answer is encrypted with: the event's secret bound to its id, creator and responder. */
const answerKey = (secret: Uint8Array, id: string, creator: string, responder: string): Buffer =>
  hmacSign(
    Buffer.concat([
      Buffer.from(id),
      Buffer.from(creator),
      Buffer.from(responder),
      Buffer.from("Event Response"),
      Buffer.from([1]),
    ]),
    hmacSign(Buffer.from(secret), Buffer.alloc(32)),
  );

/** An answer to someone's event (inverse of Baileys' `decryptEventResponse`). */
export const eventResponseContent = (
  event: { id: string; chat: string; secret: Uint8Array },
  creator: string,
  responder: string,
  response: SimEventResponse,
): proto.IMessage => {
  const plain = proto.Message.EventResponseMessage.encode({
    response: CODES[response],
    timestampMs: Date.now(),
  }).finish();
  const encIv = randomBytes(12);
  const key = answerKey(event.secret, event.id, creator, responder);
  const encPayload = aesEncryptGCM(plain, key, encIv, Buffer.from(`${event.id}\u0000${responder}`));
  return {
    encEventResponseMessage: {
      eventCreationMessageKey: { remoteJid: event.chat, fromMe: false, id: event.id },
      encPayload,
      encIv,
    },
  };
};

/**
 * Reads a client's answer to this phone's event: the answer names `creator`/`responder` JIDs the
 * phone cannot know in advance (phone number or LID), so each given pair is tried.
 */
export const readEventResponse = (
  answer: proto.IMessage,
  secret: Uint8Array,
  creators: string[],
  responders: string[],
): { eventId: string; response: SimEventResponse } | undefined => {
  const enc = answer.encEventResponseMessage;
  const id = enc?.eventCreationMessageKey?.id;
  if (!enc?.encPayload || !enc.encIv || !id) return undefined;
  for (const creator of creators)
    for (const responder of responders) {
      try {
        const key = answerKey(secret, id, creator, responder);
        const plain = aesDecryptGCM(enc.encPayload, key, enc.encIv, Buffer.from(`${id}\u0000${responder}`));
        const code = proto.Message.EventResponseMessage.decode(plain).response ?? 0;
        const response = (Object.keys(CODES) as SimEventResponse[]).find((r) => CODES[r] === code);
        return response ? { eventId: id, response } : undefined;
      } catch {
        continue;
      }
    }
  return undefined;
};

export interface SimLivePosition {
  latitude: number;
  longitude: number;
  accuracy?: number;
  caption?: string;
  /** The share's update counter: the first position 1, each later one higher. */
  sequence: number;
}

export const liveLocationContent = (p: SimLivePosition): proto.IMessage => ({
  liveLocationMessage: {
    degreesLatitude: p.latitude,
    degreesLongitude: p.longitude,
    accuracyInMeters: p.accuracy,
    caption: p.caption,
    sequenceNumber: p.sequence,
  },
});

/** Wraps media content as "view once", as current apps send it. */
export const viewOnceContent = (media: proto.IMessage): proto.IMessage => {
  const inner = { ...media };
  for (const k of ["imageMessage", "videoMessage", "audioMessage"] as const)
    if (inner[k]) inner[k] = { ...inner[k], viewOnce: true };
  return { viewOnceMessageV2: { message: inner } };
};
