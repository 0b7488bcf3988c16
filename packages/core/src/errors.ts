/** Every error MultiWA raises on purpose carries one of these codes; the server maps them to HTTP statuses. */
export const MultiWAErrorCodes = [
  "VALIDATION_FAILED",
  /** An id that cannot name a stored record: path segments, control characters, too long. */
  "INVALID_ID",
  "INVALID_JID",
  "PROFILE_NOT_FOUND",
  "PROFILE_EXISTS",
  "ALREADY_EXISTS",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "ENGINE_NOT_FOUND",
  "ENGINE_NOT_CONNECTED",
  "CAPABILITY_UNSUPPORTED",
  "SESSION_LOGGED_OUT",
  "SESSION_NOT_OWNED",
  "MESSAGE_NOT_FOUND",
  "NOT_FOUND",
  "SEND_FAILED",
  /** The official API's 24-hour customer-service window is closed: only a template may open the chat. */
  "WINDOW_CLOSED",
  "TIMEOUT",
  "STORAGE_FAILED",
  /** Too many calls of a kind WhatsApp punishes (number checks); `details.retryAfterMs` says when to retry. */
  "RATE_LIMITED",
] as const;

export type MultiWAErrorCode = (typeof MultiWAErrorCodes)[number];

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
