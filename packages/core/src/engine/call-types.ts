/** Voice and video calls reaching the account: offered, then ended one way or another. */
export interface CallOffer {
  /** WhatsApp's call id; `rejectCall` takes it with `from`. */
  callId: string;
  /** The caller's JID (phone JID when known). */
  from: string;
  isVideo: boolean;
  isGroup: boolean;
  groupId?: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** Offered while the session was offline (seen on reconnect). */
  offline: boolean;
}

export type CallEndReason = "rejected" | "accepted" | "timeout" | "terminated";

export interface CallEnd {
  callId: string;
  from: string;
  reason: CallEndReason;
  timestamp: number;
}
