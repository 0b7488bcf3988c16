import { MULTIWA_ERROR_CODES, type MultiWAErrorCode } from "@multiwa/core";

/** The library's codes as HTTP statuses: the only place that knows which is which. */
const LIBRARY_STATUS: Record<MultiWAErrorCode, number> = {
  VALIDATION_FAILED: 422,
  INVALID_ID: 400,
  INVALID_JID: 422,
  PROFILE_NOT_FOUND: 404,
  PROFILE_EXISTS: 409,
  ALREADY_EXISTS: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ENGINE_NOT_FOUND: 422,
  ENGINE_NOT_CONNECTED: 409,
  CAPABILITY_UNSUPPORTED: 422,
  SESSION_LOGGED_OUT: 409,
  SESSION_NOT_OWNED: 503,
  MESSAGE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  SEND_FAILED: 502,
  WINDOW_CLOSED: 409,
  TEMPLATE_REQUIRED: 422,
  TEMPLATE_NOT_APPROVED: 409,
  TIMEOUT: 504,
  STORAGE_FAILED: 503,
  RATE_LIMITED: 429,
  WHATSAPP_LIMITED: 429,
};

/** The closed list of codes only the HTTP layer raises, each with its status and meaning. */
const HTTP_ONLY = {
  BAD_REQUEST: [400, "The request cannot be read (a fallback for malformed requests without a closer code)."],
  MALFORMED_JSON: [400, "The body is not valid JSON."],
  MALFORMED_MULTIPART: [400, "The multipart form cannot be read."],
  TOO_DEEP: [400, "The JSON nests deeper than 64 levels."],
  METHOD_NOT_ALLOWED: [405, "The path exists but not with this method."],
  NO_QR: [409, "The session shows no QR code now (it is open, stopped or still connecting)."],
  DEMO_NOT_LINKED: [409, "Demo mode: the simulated phone is not linked to this profile yet."],
  DEMO_NEEDS_BAILEYS: [409, "Demo mode: the simulated phones speak to Baileys profiles only."],
  PAYLOAD_TOO_LARGE: [413, "The body is over the limit (`MULTIWA_BODY_LIMIT`, `MULTIWA_MEDIA_BODY_LIMIT`)."],
  UNSUPPORTED_MEDIA_TYPE: [415, "The body's content type is not one this operation takes."],
  HEADERS_TOO_LARGE: [431, "The request headers are too large."],
  INTERNAL: [500, "An unexpected failure; the body says nothing more, the gateway log has the cause."],
} as const satisfies Record<string, readonly [number, string]>;

/** Every code a gateway error body can carry. */
export type ApiErrorCode = MultiWAErrorCode | keyof typeof HTTP_ONLY;

/** Each code's HTTP status and meaning, library codes first. */
export const ERROR_CODES = Object.fromEntries([
  ...Object.entries(MULTIWA_ERROR_CODES).map(([code, description]) => [
    code,
    { status: LIBRARY_STATUS[code as MultiWAErrorCode], description },
  ]),
  ...Object.entries(HTTP_ONLY).map(([code, [status, description]]) => [code, { status, description }]),
]) as Record<ApiErrorCode, { status: number; description: string }>;

export const API_ERROR_CODES = Object.keys(ERROR_CODES) as [ApiErrorCode, ...ApiErrorCode[]];

const BY_STATUS: Record<number, ApiErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
  431: "HEADERS_TOO_LARGE",
};

/** The code a bare HTTP status stands for (errors raised by h3 or Nitro themselves, e.g. an unknown route). */
export function codeForStatus(status: number): ApiErrorCode {
  return BY_STATUS[status] ?? (status >= 500 ? "INTERNAL" : "BAD_REQUEST");
}
