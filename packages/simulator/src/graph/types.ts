/** A message the business sent through the simulated Cloud API, as the customer's phone got it. */
export interface BusinessMessage {
  /** The `wamid.…` the API answered with. */
  id: string;
  /** The customer's WhatsApp id (phone digits), or their BSUID when sent by BSUID. */
  to: string;
  type: string;
  /** The type's object from the request (`text`, `image`, `template`, …), media links resolved. */
  body: Record<string, unknown>;
  /** `context.message_id` of the request: the message this one replies to. */
  replyTo?: string;
  bizOpaqueCallbackData?: string;
  timestamp: number;
  status: "accepted" | "sent" | "delivered" | "read" | "failed";
  error?: { code: number; title: string };
}

/** A message a simulated customer sent to the business number. */
export interface CustomerMessage {
  id: string;
  from: string;
  type: string;
  body: Record<string, unknown>;
  replyTo?: string;
  timestamp: number;
}

export interface PhoneNumberInfo {
  /** The phone-number id used in paths. */
  id: string;
  /** Digits of the number, e.g. `15550001111`. */
  phone: string;
  verifiedName: string;
  qualityRating?: "GREEN" | "YELLOW" | "RED";
}

export type TemplateStatus = "PENDING" | "APPROVED" | "REJECTED" | "PAUSED" | "DISABLED";

export interface TemplateRecord {
  id: string;
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  status: TemplateStatus;
  components: Record<string, unknown>[];
  rejectedReason?: string;
}

export interface HostedMedia {
  id: string;
  data: Uint8Array;
  mimeType: string;
  sha256: string;
  fileName?: string;
}

/** Errors a test asks for: the next `count` sends (to `to`, or anyone) fail with Meta's `code`. */
export interface InjectedFailure {
  code: number;
  count: number;
  to?: string;
}
