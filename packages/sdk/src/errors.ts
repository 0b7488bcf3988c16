import type { ApiErrorCode } from "./generated/error-codes.js";

/**
 * What a `MultiWAApiError` can say: one of the gateway's codes, `NETWORK_ERROR` when it could not be
 * reached, or `HTTP_<status>` when something in between (a proxy) answered without a gateway body.
 */
export type ClientErrorCode = ApiErrorCode | "NETWORK_ERROR" | `HTTP_${number}`;

/** The gateway's error body: `{ code, message, field?, details? }`. */
export interface ApiErrorBody {
  code: ClientErrorCode;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

const BRAND = Symbol.for("multiwa.sdk.MultiWAApiError");

/**
 * A non-2xx answer from the gateway (or a network failure, with `status` 0 and code `NETWORK_ERROR`).
 * `code` is one of the gateway's codes (`PROFILE_NOT_FOUND`, `VALIDATION_FAILED`, `FORBIDDEN`, …: `ApiErrorCode`);
 * `field` names the offending input field when there is one.
 */
export class MultiWAApiError extends Error {
  override readonly name = "MultiWAApiError";
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(status: number, body: ApiErrorBody, options?: { cause?: unknown }) {
    super(body.message, options);
    this.status = status;
    this.code = body.code;
    if (body.field !== undefined) this.field = body.field;
    if (body.details !== undefined) this.details = body.details;
    (this as unknown as Record<symbol, boolean>)[BRAND] = true;
  }

  // Works across duplicate copies of the SDK in one process.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Builds the error for a failed response, whatever its body looks like. */
export async function errorFromResponse(response: Response): Promise<MultiWAApiError> {
  const text = await response.text().catch(() => "");
  let body: Partial<ApiErrorBody> = {};
  try {
    const parsed = JSON.parse(text) as Partial<ApiErrorBody> & { data?: Partial<ApiErrorBody> };
    // h3 wraps the body in `data` for some errors.
    body = parsed.code ? parsed : (parsed.data ?? parsed);
  } catch {
    // Not JSON: keep the text as the message.
  }
  return new MultiWAApiError(response.status, {
    code: body.code ?? (`HTTP_${response.status}` as const),
    message: body.message ?? (text.slice(0, 200) || response.statusText || `HTTP ${response.status}`),
    ...(body.field ? { field: body.field } : {}),
    ...(body.details ? { details: body.details } : {}),
  });
}
