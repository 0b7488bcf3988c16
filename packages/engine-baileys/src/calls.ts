import { normalizeUserJid, type CallEndReason, type EngineSessionContext } from "@multiwa/core";
import type { BaileysEventMap } from "@whiskeysockets/baileys";
import type { PhoneLookup } from "./ids.js";

const ENDINGS: Record<string, CallEndReason> = {
  reject: "rejected",
  accept: "accepted",
  timeout: "timeout",
  terminate: "terminated",
};

/** Remembers which calls were reported ended, so our own reject and WhatsApp's echo of it count once. */
export class EndedCalls {
  readonly #ids = new Set<string>();

  /** True the first time a call id is seen ending. */
  first(callId: string): boolean {
    if (this.#ids.has(callId)) return false;
    this.#ids.add(callId);
    if (this.#ids.size > 500) this.#ids.delete(this.#ids.values().next().value!);
    return true;
  }
}

/** Baileys' `call` updates (from rc14's handleCall) as `call.received` and `call.ended`; the rest are signalling. */
export async function mapCalls(
  calls: BaileysEventMap["call"],
  ctx: EngineSessionContext,
  lookup: PhoneLookup,
  ended: EndedCalls,
): Promise<void> {
  for (const call of calls) {
    const from = await callerJid(call.callerPn, call.from, lookup);
    const timestamp = call.date.getTime();
    if (call.status === "offer") {
      ctx.emit("call.received", {
        callId: call.id,
        from,
        isVideo: Boolean(call.isVideo),
        isGroup: Boolean(call.isGroup),
        ...(call.groupJid ? { groupId: call.groupJid } : {}),
        timestamp,
        offline: call.offline,
      });
      continue;
    }
    const reason = ENDINGS[call.status];
    if (reason && ended.first(call.id)) ctx.emit("call.ended", { callId: call.id, from, reason, timestamp });
  }
}

async function callerJid(pn: string | undefined, from: string, lookup: PhoneLookup): Promise<string> {
  if (pn) return normalizeUserJid(pn);
  if (from.endsWith("@lid")) return normalizeUserJid((await lookup(normalizeUserJid(from))) ?? from);
  return normalizeUserJid(from);
}
