import type { BinaryNode } from "@whiskeysockets/baileys";
import type { SimPhone } from "../scenario/phone.js";
import { children, iqResult, node, serverId, unixTime } from "../wire/nodes.js";
import type { Connection } from "./connection.js";
import type { WhatsAppSimulator } from "./simulator.js";

/**
 * WhatsApp's limits on reaching out (issue #21), as a test triggers them per phone:
 *
 * - the reach-out timelock: until `until`, a 1:1 message to a contact the account never exchanged a message
 *   with is refused with `<ack class="message" id=… from=… error="463"/>` (the shape users' traces show, e.g.
 *   rmyndharis/OpenWA#368, WhiskeySockets/Baileys#2441) and not delivered; established chats still work;
 * - new-chat capping: the monthly quota of new chats is used up (`capping_status: "CAPPED"`); new chats are
 *   refused the same way. WhatsApp's own error for a capped send is not public: 463 here is an assumption.
 *
 * Both are answered on the mex queries Baileys rc14 makes (`fetchAccountReachoutTimelock`, query id
 * 23983697327930364; `fetchNewChatMessageCap`, 24503548349331633) and, when set or lifted, pushed as the mex
 * notifications it parses (`NotificationUserReachoutTimelockUpdate`, `MessageCappingInfoNotification`).
 */
export interface SimTimelock {
  /** Epoch ms the enforcement ends. */
  until: number;
  /** WhatsApp's `enforcement_type`, e.g. `DEFAULT`, `BIZ_QUALITY`. @default "DEFAULT" */
  enforcementType?: string;
}

export interface SimCapping {
  /** Epoch ms the quota cycle ends. */
  until: number;
  /** New chats allowed per cycle. @default 250 */
  quota?: number;
}

export interface SimLimitState {
  timelock?: SimTimelock;
  capping?: SimCapping;
}

const TIMELOCK_QUERY = "23983697327930364";
const CAPPING_QUERY = "24503548349331633";
const DEFAULT_QUOTA = 250;

/** Per-account limits and the chats each account has (which WhatsApp lets through regardless). */
export class LimitStore {
  readonly #limits = new Map<string, SimLimitState>();
  readonly #met = new Set<string>();
  /** Messages refused with 463, per sending phone number. */
  readonly refused = new Map<string, number>();

  constructor(private readonly sim: WhatsAppSimulator) {}

  /** Sets (or, with `until` in the past, lifts) the reach-out timelock; the phone's clients are notified. */
  timelock(phone: SimPhone, lock: SimTimelock | null, notify = true): void {
    this.#update(phone, { timelock: lock ?? undefined });
    if (notify)
      this.#notify(phone, "NotificationUserReachoutTimelockUpdate", {
        xwa2_notify_account_reachout_timelock: timelockData(lock),
      });
  }

  /** Marks the new-chat quota used up until `until` (null: quota free again); the phone's clients are notified. */
  capping(phone: SimPhone, cap: SimCapping | null, notify = true): void {
    this.#update(phone, { capping: cap ?? undefined });
    if (notify)
      this.#notify(phone, "MessageCappingInfoNotification", {
        xwa2_notify_new_chat_messages_capping_info_update: cappingData(cap),
      });
  }

  state(phone: SimPhone): SimLimitState {
    return { ...this.#limits.get(phone.pn) };
  }

  /** Two accounts exchanged a message: their chat exists, and limits on new chats no longer apply to it. */
  met(a: SimPhone, b: SimPhone): void {
    this.#met.add(pair(a, b));
  }

  /** Whether a 1:1 message from `from` to `to` is refused now (a new chat under a limit). */
  refuses(from: SimPhone, to: SimPhone): boolean {
    if (from === to || this.#met.has(pair(from, to))) return false;
    const now = Date.now();
    const limits = this.#limits.get(from.pn);
    const refused = (limits?.timelock?.until ?? 0) > now || (limits?.capping?.until ?? 0) > now;
    if (refused) this.refused.set(from.pn, (this.refused.get(from.pn) ?? 0) + 1);
    return refused;
  }

  /** The mex queries for the account's standing; undefined for other queries. */
  onMexIq(conn: Connection, iq: BinaryNode): BinaryNode | undefined {
    const queryId = children(iq).find((c) => c.tag === "query")?.attrs.query_id;
    if (queryId !== TIMELOCK_QUERY && queryId !== CAPPING_QUERY) return undefined;
    const phone = conn.companion ? this.sim.phone(conn.companion.pn) : undefined;
    const limits = phone ? this.#limits.get(phone.pn) : undefined;
    const data =
      queryId === TIMELOCK_QUERY
        ? { xwa2_fetch_account_reachout_timelock: timelockData(active(limits?.timelock)) }
        : { xwa2_message_capping_info: cappingData(active(limits?.capping)) };
    return iqResult(iq, [node("result", {}, Buffer.from(JSON.stringify({ data })))]);
  }

  #update(phone: SimPhone, patch: SimLimitState): void {
    const next = { ...this.#limits.get(phone.pn), ...patch };
    if (!next.timelock) delete next.timelock;
    if (!next.capping) delete next.capping;
    this.#limits.set(phone.pn, next);
  }

  #notify(phone: SimPhone, opName: string, data: Record<string, unknown>): void {
    const payload = Buffer.from(JSON.stringify({ data }));
    for (const c of phone.companions.values()) {
      if (c.removed) continue;
      c.send(
        node("notification", { from: "s.whatsapp.net", type: "mex", id: serverId("mex"), t: unixTime() }, [
          node("update", { op_name: opName }, payload),
        ]),
      );
    }
  }
}

const pair = (a: SimPhone, b: SimPhone): string => (a.pn < b.pn ? `${a.pn}|${b.pn}` : `${b.pn}|${a.pn}`);

const active = <T extends { until: number }>(limit: T | undefined): T | null =>
  limit && limit.until > Date.now() ? limit : null;

const seconds = (ms: number): string => String(Math.floor(ms / 1000));

/** `xwa2_notify_account_reachout_timelock` / `xwa2_fetch_account_reachout_timelock` (seconds as strings). */
const timelockData = (lock: SimTimelock | null): Record<string, unknown> =>
  lock
    ? {
        is_active: true,
        time_enforcement_ends: seconds(lock.until),
        enforcement_type: lock.enforcementType ?? "DEFAULT",
      }
    : { is_active: false, time_enforcement_ends: "0", enforcement_type: "DEFAULT" };

/** Baileys' `NewChatMessageCapInfo`. */
const cappingData = (cap: SimCapping | null): Record<string, unknown> => {
  const quota = cap?.quota ?? DEFAULT_QUOTA;
  const now = Date.now();
  return {
    total_quota: quota,
    used_quota: cap ? quota : 0,
    cycle_start_timestamp: seconds(now),
    cycle_end_timestamp: seconds(cap?.until ?? now + 30 * 86_400_000),
    server_sent_timestamp: seconds(now),
    capping_status: cap ? "CAPPED" : "NONE",
  };
};
