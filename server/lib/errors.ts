import { createError, type H3Error } from "h3";
import { isMultiWAError } from "@multiwa/core";
import { codeForStatus, ERROR_CODES, type ApiErrorCode } from "./error-codes.js";

export interface ApiErrorBody {
  code: ApiErrorCode;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

export function apiError(statusCode: number, body: ApiErrorBody, cause?: unknown): H3Error {
  const safe = boundedBody(body);
  return createError({
    statusCode,
    statusMessage: safe.code,
    message: safe.message,
    data: safe,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** Turns anything a handler threw into an H3 error with a JSON body; unknown errors stay 500 without internals. */
export function toHttpError(error: unknown): H3Error {
  if (isMultiWAError(error)) {
    const issues = error.details.issues as { field: string }[] | undefined;
    const field = (error.details.field as string | undefined) ?? issues?.[0]?.field;
    const status = ERROR_CODES[error.code]?.status ?? 500;
    return apiError(
      status,
      {
        code: error.code,
        message: error.message.replace(/^\[multiwa\] (\[[^\]]+\] )?/, ""),
        ...(field ? { field } : {}),
        ...(Object.keys(error.details).length ? { details: error.details } : {}),
      },
      status >= 500 ? error : undefined,
    );
  }
  const h3 = error as H3Error;
  if (h3 && typeof h3.statusCode === "number" && h3.statusCode < 500) {
    return apiError(
      h3.statusCode,
      (h3.data as ApiErrorBody | undefined) ?? {
        code: codeForStatus(h3.statusCode),
        message: h3.statusMessage || h3.message,
      },
    );
  }
  // The cause travels with the error so the error handler can log it; the body never shows it.
  return apiError(500, { code: "INTERNAL", message: "Internal error; see the gateway log" }, error);
}

/** Error bodies quote at most a short prefix of what the caller sent: 5 MB in must not mean 10 MB out. */
const MAX_MESSAGE = 500;
const MAX_FIELD = 200;
const MAX_ISSUES = 20;

function boundedBody(body: ApiErrorBody): ApiErrorBody {
  const out: ApiErrorBody = {
    ...body,
    code: clip(String(body.code), 64) as ApiErrorCode,
    message: clip(String(body.message ?? ""), MAX_MESSAGE),
  };
  if (body.field !== undefined) out.field = clip(String(body.field), MAX_FIELD);
  if (body.details) out.details = boundedDetails(body.details);
  return out;
}

function boundedDetails(details: Record<string, unknown>): Record<string, unknown> {
  let clipped: Record<string, unknown>;
  try {
    clipped = JSON.parse(
      JSON.stringify(details, (_k, v: unknown) => (typeof v === "string" ? clip(v, MAX_FIELD) : v)) ?? "{}",
    ) as Record<string, unknown>;
  } catch {
    return { truncated: true }; // too deep to even copy
  }
  if (Array.isArray(clipped.issues) && clipped.issues.length > MAX_ISSUES) {
    clipped.moreIssues = clipped.issues.length - MAX_ISSUES;
    clipped.issues = clipped.issues.slice(0, MAX_ISSUES);
  }
  // Anything still large (deep free-form details) is dropped rather than echoed.
  return JSON.stringify(clipped).length > 8192
    ? { truncated: true, ...(clipped.issues ? { issues: (clipped.issues as unknown[]).slice(0, 5) } : {}) }
    : clipped;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
