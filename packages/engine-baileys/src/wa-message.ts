import type { InboundContent, WAMessage } from "@multiwa/core";
import type { proto, WAMessageKey } from "@whiskeysockets/baileys";
import { resolveKey, type PhoneLookup } from "./ids.js";
import { forwardingScoreOf, quotedIdOf, toInboundContent } from "./inbound.js";

/** A Baileys WebMessageInfo in MultiWA's shape; `undefined` for signalling nobody needs to see. */
export async function toWAMessage(
  info: proto.IWebMessageInfo,
  me: string,
  lookup: PhoneLookup,
  content: InboundContent | undefined = toInboundContent(info.message),
): Promise<WAMessage | undefined> {
  if (!content || !info.key?.id) return undefined;
  const key = info.key as WAMessageKey;
  const who = await resolveKey(key, me, lookup);
  const quotedId = quotedIdOf(info.message);
  const forwarded = forwardingScoreOf(info.message);
  return {
    id: key.id!,
    ...who,
    fromMe: Boolean(key.fromMe),
    timestamp: toMillis(info.messageTimestamp),
    ...(info.pushName ? { pushName: info.pushName } : {}),
    ...(quotedId ? { quotedId } : {}),
    ...(forwarded ? { forwarded } : {}),
    content,
  };
}

/** Baileys timestamps are seconds (number or Long). */
export function toMillis(seconds: number | { toNumber(): number } | null | undefined): number {
  if (seconds == null) return Date.now();
  return (typeof seconds === "number" ? seconds : seconds.toNumber()) * 1000;
}
