import { createError, type H3Error } from "h3";
import { isMultiWAError, type MultiWAErrorCode } from "@multiwa/core";

/** The only place that knows which library error is which HTTP status. */
const STATUS: Record<MultiWAErrorCode, number> = {
  VALIDATION_FAILED: 422,
  INVALID_JID: 422,
  PROFILE_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PROFILE_EXISTS: 409,
  ALREADY_EXISTS: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ENGINE_NOT_FOUND: 422,
  ENGINE_NOT_CONNECTED: 409,
  CAPABILITY_UNSUPPORTED: 422,
  SESSION_LOGGED_OUT: 409,
  SESSION_NOT_OWNED: 503,
  SEND_FAILED: 502,
  TIMEOUT: 504,
  STORAGE_FAILED: 503,
};

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

export function apiError(statusCode: number, body: ApiErrorBody): H3Error {
  return createError({ statusCode, statusMessage: body.code, message: body.message, data: body });
}

/** Turns anything a handler threw into an H3 error with a JSON body; unknown errors stay 500 without internals. */
export function toHttpError(error: unknown): H3Error {
  if (isMultiWAError(error)) {
    const issues = error.details.issues as { field: string }[] | undefined;
    const field = (error.details.field as string | undefined) ?? issues?.[0]?.field;
    return apiError(STATUS[error.code] ?? 500, {
      code: error.code,
      message: error.message.replace(/^\[multiwa\] (\[[^\]]+\] )?/, ""),
      ...(field ? { field } : {}),
      ...(Object.keys(error.details).length ? { details: error.details } : {}),
    });
  }
  const h3 = error as H3Error;
  if (h3 && typeof h3.statusCode === "number" && h3.statusCode < 500) {
    return apiError(h3.statusCode, (h3.data as ApiErrorBody | undefined) ?? { code: codeFor(h3.statusCode), message: h3.statusMessage || h3.message });
  }
  return apiError(500, { code: "INTERNAL", message: "Internal error; see the gateway log" });
}

function codeFor(status: number): string {
  return status === 404 ? "NOT_FOUND" : status === 405 ? "METHOD_NOT_ALLOWED" : status === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST";
}
