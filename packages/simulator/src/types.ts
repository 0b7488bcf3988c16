import type { proto } from "@whiskeysockets/baileys";

/** Which receipts a simulated phone sends back for messages it receives. */
export type ReceiptMode = "read" | "delivery" | "none";

export interface PhoneOptions {
  /** Phone number, digits only. @default a fresh number under 1555… */
  phone?: string;
  /** LID user (digits). @default derived from the number */
  lid?: string;
  /** Push name shown to clients. @default "Phone <number>" */
  name?: string;
  /** Receipts sent for client messages. @default "read" (delivery, then read) */
  receipts?: ReceiptMode;
  /**
   * Delay before each automatic receipt. Baileys folds status changes that arrive within
   * ~100 ms of a send into the send's own upsert, so shorter delays hide DELIVERY_ACK.
   * @default 150
   */
  receiptDelayMs?: number;
  /**
   * How this phone addresses 1:1 stanzas to clients: `pn` (from=number@s.whatsapp.net with
   * sender_lid) or `lid` (from=lid@lid with sender_pn), as WhatsApp increasingly does.
   * @default "pn"
   */
  addressing?: "pn" | "lid";
  /**
   * How long after a client's login the phone shares its app-state sync key; until then the client
   * cannot write app-state patches (archive, labels, ...), as right after linking a real phone.
   * @default 0
   */
  appStateKeyDelayMs?: number;
}

/** A message a client sent, as decrypted by the simulated recipient phone. */
export interface ReceivedMessage {
  id: string;
  /** Client device that sent it, e.g. `15550001111:1@s.whatsapp.net`. */
  sender: string;
  /** Chat it was addressed to: a phone JID or a group JID. */
  chat: string;
  /** The phone that decrypted it (its JID). */
  recipient: string;
  /** The decrypted message (deviceSentMessage wrappers already unwrapped). */
  message: proto.IMessage;
  /** Wire encryption: `pkmsg`, `msg` or `skmsg` (group). */
  encType: "pkmsg" | "msg" | "skmsg" | "plaintext";
  /** True for the copy a client sends to its own account's phone. */
  deviceSent: boolean;
  /** The stanza's `edit` attribute: "1" an edit, "2" a pin, "7"/"8" a revoke. */
  edit?: string;
  /** When the server received it (ms since epoch). */
  timestamp: number;
}

/** A receipt or acknowledgement a client sent to a phone. */
export interface ClientReceipt {
  ids: string[];
  /** `delivery` when the stanza has no type. */
  type: string;
  sender: string;
}

export interface PresenceEvent {
  sender: string;
  type: string;
  /** For chat states: the chat, e.g. a phone JID. */
  to?: string;
}

/** A client device linked to a simulated phone. */
export interface PairedDevice {
  jid: string;
  lid: string;
  device: number;
}

export interface SendOptions {
  /** Message id. @default a random 3EB0… id */
  id?: string;
  /** Quote (reply to) a message. */
  quoted?: { id: string; message?: proto.IMessage; participant?: string };
}

/** Media input for phone → client media messages. */
export interface MediaInput {
  data: Uint8Array;
  mimetype?: string;
  caption?: string;
  fileName?: string;
  /** Voice note (audio only). */
  ptt?: boolean;
  /** Duration in seconds (audio/video). */
  seconds?: number;
}

export interface SentMessage {
  id: string;
  chat: string;
  message: proto.IMessage;
}
