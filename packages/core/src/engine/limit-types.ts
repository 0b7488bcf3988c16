/**
 * WhatsApp's limits on reaching out (issue #21), as an engine sees them:
 * - `reachout_timelock`: the account may not message contacts it has no chat with until `until`. WhatsApp
 *   refuses such a message with error 463 in its ack, states the lock in a mex notification
 *   (`NotificationUserReachoutTimelockUpdate`) and answers a mex query for it (`xwa2_fetch_account_reachout_timelock`).
 * - `new_chat_cap`: the cycle's quota of new chats is used up (`capping_status: CAPPED`, mex notification
 *   `MessageCappingInfoNotification`, query `xwa2_message_capping_info`); `until` is the cycle's end.
 */
export type LimitKind = "reachout_timelock" | "new_chat_cap";

export const LIMIT_KINDS = ["reachout_timelock", "new_chat_cap"] as const satisfies readonly LimitKind[];

/**
 * A limit set or lifted. `source: "whatsapp"` when WhatsApp stated it (a notification or the answer to a query);
 * `"refusal"` when only a refused send (463) shows it and WhatsApp could not be asked — then `until` is unknown.
 */
export interface ProfileLimitEvent {
  kind: LimitKind;
  active: boolean;
  /** Epoch ms the limit ends, as WhatsApp gives it. */
  until?: number;
  /** WhatsApp's words: the timelock's `enforcement_type` (e.g. `BIZ_QUALITY`) or the cap's `capping_status`. */
  detail?: string;
  /** New chats per cycle and used (capping). */
  quota?: { total: number; used: number };
  source: "whatsapp" | "refusal";
}
