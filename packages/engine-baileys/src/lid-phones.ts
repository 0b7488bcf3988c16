import { normalizeUserJid, type EngineSessionContext } from "@multiwa/core";
import type { BaileysEventMap } from "@whiskeysockets/baileys";
import type { PhoneLookup } from "./ids.js";

/** Which field of an event may name a user by LID, and the field that then carries the phone. */
const PHONE_FIELD: Record<string, [string, string][]> = {
  "message.delivered": [["by", "byPhone"]],
  "message.read": [["by", "byPhone"]],
  "message.reaction": [["sender", "senderPhone"]],
  "message.revoked": [["sender", "senderPhone"]],
  "message.edited": [["sender", "senderPhone"]],
  "message.pinned": [["sender", "senderPhone"]],
  presence: [["participant", "participantPhone"]],
};

/**
 * A context whose events name the phone next to every LID it knows (#20: an event carrying a LID also
 * carries the number). The batch's LIDs are looked up once before mapping, so emitting stays synchronous.
 */
export async function withLidPhones(
  ctx: EngineSessionContext,
  events: Partial<BaileysEventMap>,
  lookup: PhoneLookup,
): Promise<EngineSessionContext> {
  const lids = new Set<string>();
  const add = (jid: string | null | undefined) => jid?.includes("@lid") && lids.add(normalizeUserJid(jid));
  for (const { receipt } of events["message-receipt.update"] ?? []) add(receipt.userJid);
  for (const participant of Object.keys(events["presence.update"]?.presences ?? {})) add(participant);
  for (const { key } of events["messages.update"] ?? []) (add(key.participant), add(key.remoteJid));
  for (const { key } of events["messages.upsert"]?.messages ?? []) (add(key.participant), add(key.remoteJid));
  if (!lids.size) return ctx;
  const phones = new Map<string, string>();
  await Promise.all(
    [...lids].map(async (lid) => {
      const phone = await lookup(lid).catch(() => undefined);
      if (phone) phones.set(lid, normalizeUserJid(phone));
    }),
  );
  if (!phones.size) return ctx;
  return {
    ...ctx,
    emit(event, payload) {
      const fields = PHONE_FIELD[event];
      const record = payload as Record<string, unknown>;
      const extra: Record<string, string> = {};
      for (const [field, phoneField] of fields ?? []) {
        const phone = typeof record[field] === "string" ? phones.get(record[field] as string) : undefined;
        if (phone && record[phoneField] === undefined) extra[phoneField] = phone;
      }
      ctx.emit(event, Object.keys(extra).length ? ({ ...record, ...extra } as typeof payload) : payload);
    },
  };
}
