/**
 * Every error MultiWA raises on purpose carries one of these codes, with what it means. The server maps each
 * to one HTTP status (server/lib/error-codes.ts) and the SDK exports the union, so the vocabulary is one
 * from the library to the client.
 */
export const MULTIWA_ERROR_CODES = {
  VALIDATION_FAILED: "The input does not match its schema; `field` and `details.issues` name what is wrong.",
  INVALID_ID: "An id that cannot name a stored record: path segments, control characters, too long.",
  INVALID_JID: "A phone number or WhatsApp id (JID/LID) that cannot be read.",
  PROFILE_NOT_FOUND: "No profile has this id (in the caller's workspace).",
  PROFILE_EXISTS: "A profile with this id already exists.",
  ALREADY_EXISTS: "A record with this id or unique value already exists; `field` names it.",
  UNAUTHENTICATED: "No credential, or an unknown, revoked or expired one.",
  FORBIDDEN: "The credential is valid but lacks the permission, or the resource is in another tenant.",
  ENGINE_NOT_FOUND: "No loaded engine has this name.",
  ENGINE_NOT_CONNECTED: "The profile's session is not open; start it (or wait for it to reconnect) and retry.",
  CAPABILITY_UNSUPPORTED: "The profile's engine cannot do this; `details.capability` names what is missing.",
  SESSION_LOGGED_OUT: "WhatsApp logged the session out; link the device again.",
  SESSION_NOT_OWNED: "Another node runs this profile and did not answer in time; retry.",
  MESSAGE_NOT_FOUND: "No message has this id in the profile.",
  NOT_FOUND: "No record has this id (in the caller's workspace).",
  SEND_FAILED: "The engine or WhatsApp refused the call; the message says why.",
  WINDOW_CLOSED: "The official API's 24-hour customer-service window is closed: only a template may open the chat.",
  TEMPLATE_REQUIRED:
    "The profile's engine sends business-initiated messages (campaigns) only as platform-approved templates; link one.",
  TEMPLATE_NOT_APPROVED:
    "The platform template does not exist in that language or is not APPROVED (yet); `details.status` says which.",
  WHATSAPP_LIMITED:
    "WhatsApp refused a message to a new contact (error 463): the reach-out timelock or the new-chat cap; `details.kind` and `details.until` (epoch ms, when WhatsApp gave it) say which and how long.",
  TIMEOUT: "An outbound call or a wait did not finish in time.",
  STORAGE_FAILED: "The store or database failed; retry.",
  RATE_LIMITED: "Too many calls; `details.retryAfterMs` (and the Retry-After header) say when to retry.",
} as const satisfies Record<string, string>;

export type MultiWAErrorCode = keyof typeof MULTIWA_ERROR_CODES;

const BRAND = Symbol.for("multiwa.error");

export interface MultiWAErrorOptions {
  cause?: unknown;
  /** Machine-readable context, e.g. the offending field or capability. */
  details?: Record<string, unknown>;
  /** Which part raised it, shown as `[multiwa] [scope] …`. */
  scope?: string;
}

export class MultiWAError extends Error {
  readonly code: MultiWAErrorCode;
  readonly details: Record<string, unknown>;
  readonly [BRAND] = true;

  constructor(code: MultiWAErrorCode, message: string, options: MultiWAErrorOptions = {}) {
    const prefix = options.scope ? `[multiwa] [${options.scope}]` : "[multiwa]";
    super(`${prefix} ${message}`, { cause: options.cause });
    this.name = "MultiWAError";
    this.code = code;
    this.details = options.details ?? {};
  }

  toJSON(): { code: MultiWAErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Brand check instead of instanceof, so errors from a duplicated bundle still match. */
export function isMultiWAError(value: unknown, code?: MultiWAErrorCode): value is MultiWAError {
  const branded = typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  return branded && (code === undefined || (value as MultiWAError).code === code);
}
