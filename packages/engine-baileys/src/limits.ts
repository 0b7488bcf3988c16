import type { EngineSessionContext, ProfileLimitEvent } from "@multiwa/core";
import type { BaileysEventMap, WASocket } from "@whiskeysockets/baileys";

/**
 * WhatsApp's limits on new chats (issue #21), from what Baileys rc14 surfaces:
 * - a refused send: `<ack class="message" error="463"/>` becomes a `messages.update` to ERROR with
 *   `messageStubParameters: ["463", …]` (Socket/messages-recv.js `handleBadAck`), or is folded into the echo's
 *   upsert when it lands while that is buffered. Baileys' comment: 463 is a 1:1 message without the contact's
 *   privacy token (tctoken) — usually a restricted account, but users also report it for single contacts
 *   whose token went missing (WhiskeySockets/Baileys#2441, #2688). It does not query the lock itself in rc14
 *   (its branch for that is shadowed by the tctoken one), so we ask WhatsApp which it is.
 * - `connection.update.reachoutTimeLock`: WhatsApp's mex notification `NotificationUserReachoutTimelockUpdate`,
 *   or the answer to `fetchAccountReachoutTimelock()` (mex `xwa2_fetch_account_reachout_timelock`).
 * - `message-capping.update`: the mex notification `MessageCappingInfoNotification`; `fetchNewChatMessageCap()`
 *   asks for the same (`xwa2_message_capping_info`).
 */
export const REFUSED = "463";
const QUERY_MS = 10_000;

type Events = Partial<BaileysEventMap>;
type Cap = BaileysEventMap["message-capping.update"];

/** Limit states WhatsApp stated in this batch of events. */
export function mapLimitEvents(events: Events, ctx: EngineSessionContext): void {
  const lock = events["connection.update"]?.reachoutTimeLock;
  if (lock) ctx.emit("profile.limit", timelockEvent(lock));
  const cap = events["message-capping.update"];
  if (cap) ctx.emit("profile.limit", capEvent(cap));
}

/**
 * A message WhatsApp refused with 463: asks WhatsApp whether the account is timelocked or capped, then fails
 * the message with WHATSAPP_LIMITED (`source: "refusal"` when it could not be asked: the limit is inferred, its
 * end unknown). When WhatsApp says neither limit holds, the refusal is about that contact (its privacy token):
 * SEND_FAILED with `details.error: 463`, and the profile is not limited.
 */
export async function reportRefusal(
  sock: WASocket,
  ctx: EngineSessionContext,
  refused: { id: string; to: string },
): Promise<void> {
  const limit = await standing(sock, ctx);
  // The timelock query's answer already reached the core as a `connection.update`; the cap's did not.
  if (limit?.kind === "new_chat_cap" || limit?.source === "refusal") ctx.emit("profile.limit", limit);
  const error = limit
    ? {
        code: "WHATSAPP_LIMITED",
        message: `WhatsApp refused a message to a new contact (463): ${limit.kind.replace(/_/g, " ")}`,
        details: {
          kind: limit.kind,
          error: 463,
          ...(limit.until ? { until: limit.until } : {}),
          ...(limit.detail ? { detail: limit.detail } : {}),
          source: limit.source,
        },
      }
    : {
        code: "SEND_FAILED",
        message:
          "WhatsApp refused the message (463) though the account is not limited: likely this contact's privacy token",
        details: { error: 463 },
      };
  ctx.emit("message.failed", { ...refused, error });
}

// --- Internal helpers ---

/** Undefined when WhatsApp says neither limit holds. */
async function standing(sock: WASocket, ctx: EngineSessionContext): Promise<ProfileLimitEvent | undefined> {
  try {
    const lock = await within(sock.fetchAccountReachoutTimelock());
    if (lock.isActive) return timelockEvent(lock);
    const cap = (await within(sock.fetchNewChatMessageCap())) as Cap | undefined;
    return cap?.capping_status === "CAPPED" ? capEvent(cap) : undefined;
  } catch (e) {
    ctx.logger.warn("could not ask WhatsApp for the account's limits after a 463", e);
    return { kind: "reachout_timelock", active: true, source: "refusal" };
  }
}

function timelockEvent(lock: NonNullable<BaileysEventMap["connection.update"]["reachoutTimeLock"]>): ProfileLimitEvent {
  const until = lock.timeEnforcementEnds?.getTime();
  return {
    kind: "reachout_timelock",
    active: !!lock.isActive,
    ...(lock.isActive && until ? { until } : {}),
    ...(lock.enforcementType && lock.enforcementType !== "DEFAULT" ? { detail: lock.enforcementType } : {}),
    source: "whatsapp",
  };
}

function capEvent(cap: Cap): ProfileLimitEvent {
  const active = cap.capping_status === "CAPPED";
  const end = Number(cap.cycle_end_timestamp);
  return {
    kind: "new_chat_cap",
    active,
    ...(active && end > 0 ? { until: end * 1000 } : {}),
    ...(cap.capping_status ? { detail: cap.capping_status } : {}),
    ...(cap.total_quota != null ? { quota: { total: cap.total_quota, used: cap.used_quota ?? 0 } } : {}),
    source: "whatsapp",
  };
}

function within<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no answer")), QUERY_MS);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
