import { NodeApiError, type INode, type JsonObject } from "n8n-workflow";

/** The gateway's JSON error body: every 4xx answers `{ code, message, field? }`. */
export interface GatewayErrorBody {
  code: string;
  message: string;
  field?: string;
}

/**
 * A failed gateway call as n8n shows it: the gateway's own message as the title, its `code` and `field`
 * in the description and on `error.context.gateway` (continue-on-fail items carry them too).
 * Regression: n8n's default handling showed only "Request failed with status code 404".
 */
export function gatewayError(node: INode, error: unknown, itemIndex?: number): NodeApiError {
  if (error instanceof NodeApiError) return error;
  const status = httpStatus(error);
  const body = gatewayBody(error);
  const options = { httpCode: status ? String(status) : undefined, ...(itemIndex !== undefined ? { itemIndex } : {}) };
  if (!body) return new NodeApiError(node, error as JsonObject, options);
  const details = [
    `MultiWA answered ${status ?? "an error"} ${body.code}`,
    body.field ? `field \`${body.field}\`` : "",
  ].filter(Boolean);
  const apiError = new NodeApiError(node, { ...body } as unknown as JsonObject, {
    ...options,
    message: body.message,
    description: details.join(", "),
  });
  apiError.context.gateway = { ...body, ...(status ? { status } : {}) };
  return apiError;
}

/** The HTTP status of a failed request, however the helper reported it (n8n wraps axios errors). */
export function httpStatus(error: unknown): number | undefined {
  const e = error as {
    httpCode?: string | null;
    status?: number;
    response?: { status?: number };
    cause?: { response?: { status?: number } };
  };
  const status =
    e.response?.status ?? e.cause?.response?.status ?? e.status ?? (e.httpCode ? Number(e.httpCode) : undefined);
  return Number.isFinite(status) ? status : undefined;
}

// --- Internal helpers ---

/** The gateway's body wherever the HTTP helper of this n8n version put it (axios response, cause, context). */
function gatewayBody(error: unknown): GatewayErrorBody | undefined {
  const e = error as {
    response?: { data?: unknown; body?: unknown };
    cause?: { response?: { data?: unknown } };
    context?: { data?: unknown };
    error?: unknown;
  };
  for (const candidate of [e.response?.data, e.response?.body, e.cause?.response?.data, e.context?.data, e.error]) {
    const data = typeof candidate === "string" ? parseJson(candidate) : candidate;
    const { code, message, field } = (data ?? {}) as Partial<GatewayErrorBody>;
    if (typeof code === "string" && typeof message === "string")
      return { code, message, ...(typeof field === "string" ? { field } : {}) };
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
