import { randomBytes } from "node:crypto";
import { MultiWAError, normalizeUserJid, type EventContent, type EventResponse } from "@multiwa/core";
import type { AnyMessageContent, proto, WAMessage as BaileysMessage } from "@whiskeysockets/baileys";
import type { Baileys } from "./load.js";

// WhatsApp events (#21). Creating one is Baileys' `event` content; an answer is an
// `encEventResponseMessage`, encrypted with the event's `messageSecret` like a poll vote. rc14 decrypts
// answers only with the creator as a phone number and builds none, so both directions are done here.

/** proto.Message.EventResponseMessage.EventResponseType */
const RESPONSE_CODES: Record<EventResponse, number> = { going: 1, not_going: 2, maybe: 3 };
const RESPONSES = Object.fromEntries(Object.entries(RESPONSE_CODES).map(([k, v]) => [v, k])) as Record<
  number,
  EventResponse
>;

/** The JIDs an answer's key is bound to; which addressing (phone or LID) a client used is not on the wire. */
export interface EventParties {
  creator: (string | null | undefined)[];
  responder: (string | null | undefined)[];
}

export function eventContent(content: EventContent): AnyMessageContent {
  return {
    event: {
      name: content.name,
      ...(content.description ? { description: content.description } : {}),
      startDate: new Date(content.startTime),
      ...(content.endTime ? { endDate: new Date(content.endTime) } : {}),
      ...(content.location
        ? {
            location: {
              name: content.location.name,
              degreesLatitude: content.location.latitude ?? 0,
              degreesLongitude: content.location.longitude ?? 0,
            },
          }
        : {}),
      extraGuestsAllowed: false,
    },
  };
}

/** An encrypted answer to `event` (a cached event message), from `responder` to the event's `creator`. */
export function eventResponseMessage(
  baileys: Baileys,
  event: proto.IWebMessageInfo | undefined,
  parties: { creator: string; responder: string },
  response: EventResponse,
): proto.IMessage {
  const secret = event?.message?.messageContextInfo?.messageSecret;
  const id = event?.key?.id;
  if (!secret || !id || !event?.key)
    throw new MultiWAError("MESSAGE_NOT_FOUND", "The event to answer is not among this session's recent messages", {
      scope: "baileys",
      details: { field: "content.target.id" },
    });
  const plain = baileys.proto.Message.EventResponseMessage.encode({
    response: RESPONSE_CODES[response],
    timestampMs: Date.now(),
  }).finish();
  const key = responseKey(baileys, secret, id, parties.creator, parties.responder);
  const encIv = randomBytes(12);
  const encPayload = baileys.aesEncryptGCM(plain, key, encIv, Buffer.from(`${id}\u0000${parties.responder}`));
  return { encEventResponseMessage: { eventCreationMessageKey: event.key, encPayload, encIv } };
}

/** Decrypts an answer against the event it answers, trying each creator/responder addressing pair. */
export function decryptEventResponse(
  baileys: Baileys,
  answer: BaileysMessage,
  event: proto.IWebMessageInfo,
  parties: EventParties,
): { eventId: string; response: EventResponse } | undefined {
  const enc = answer.message?.encEventResponseMessage;
  const secret = event.message?.messageContextInfo?.messageSecret;
  const eventId = enc?.eventCreationMessageKey?.id;
  if (!enc?.encPayload || !enc.encIv || !secret || !eventId) return undefined;
  for (const creator of unique(parties.creator)) {
    for (const responder of unique(parties.responder)) {
      try {
        const decrypted = baileys.decryptEventResponse(
          { encPayload: enc.encPayload, encIv: enc.encIv },
          { eventCreatorJid: creator, eventMsgId: eventId, eventEncKey: secret, responderJid: responder },
        );
        const response = RESPONSES[decrypted.response ?? 0];
        return response ? { eventId, response } : undefined;
      } catch {
        continue; // wrong JID pair: GCM authentication fails
      }
    }
  }
  return undefined;
}

// --- Internal helpers ---

function responseKey(baileys: Baileys, secret: Uint8Array, id: string, creator: string, responder: string): Buffer {
  const sign = Buffer.concat([
    Buffer.from(id),
    Buffer.from(creator),
    Buffer.from(responder),
    Buffer.from("Event Response"),
    Buffer.from([1]),
  ]);
  return baileys.hmacSign(sign, baileys.hmacSign(Buffer.from(secret), Buffer.alloc(32)));
}

function unique(jids: (string | null | undefined)[]): string[] {
  return [...new Set(jids.filter((j): j is string => Boolean(j)).map(normalizeUserJid))];
}
