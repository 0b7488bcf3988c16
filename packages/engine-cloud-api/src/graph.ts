import { MultiWAError } from "@multiwa/core";
import { DEFAULT_GRAPH_VERSION, ENGINE_NAME, type CloudSettings } from "./options.js";

/** Meta's error, as the Graph API returns it. */
export interface GraphErrorInfo {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  error_data?: { details?: string };
  fbtrace_id?: string;
}

/** Codes worth retrying after a wait: throughput (130429, 80), pair rate (131056), temporary (131000, 2, 1). */
export const RETRYABLE_CODES = new Set([130429, 131056, 80007, 131000, 2, 1]);

/** A thin Graph API client for one profile: bearer token, pinned version, Meta's errors as MultiWAErrors. */
export class GraphClient {
  readonly base: string;

  constructor(
    graphUrl: string,
    private readonly settings: CloudSettings,
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    this.base = `${graphUrl.replace(/\/$/, "")}/${settings.graphVersion ?? DEFAULT_GRAPH_VERSION}`;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const form = body instanceof FormData;
    const response = await this.fetchFn(`${this.base}/${path.replace(/^\//, "")}`, {
      method,
      headers: {
        authorization: `Bearer ${this.settings.accessToken}`,
        ...(body !== undefined && !form ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    }).catch((cause: unknown) => {
      throw new MultiWAError("SEND_FAILED", `Graph API unreachable at ${this.base}: ${(cause as Error).message}`, {
        cause,
        scope: ENGINE_NAME,
        details: { retryable: true },
      });
    });
    const text = await response.text();
    const json = text ? safeJson(text) : {};
    if (response.ok) return json as T;
    throw graphError(
      (json as { error?: GraphErrorInfo }).error ?? { message: `HTTP ${response.status}`, code: response.status },
    );
  }

  /** Raw bytes from a media URL Meta handed out; it needs the same token. */
  async download(url: string): Promise<Uint8Array> {
    const response = await this.fetchFn(url, {
      headers: { authorization: `Bearer ${this.settings.accessToken}` },
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok)
      throw new MultiWAError("SEND_FAILED", `Media download failed with HTTP ${response.status}`, {
        scope: ENGINE_NAME,
      });
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** Meta's error → a MultiWAError that keeps Meta's code, title and details for callers and logs. */
export function graphError(error: GraphErrorInfo): MultiWAError {
  const details = error.error_data?.details;
  const code =
    error.code === 190
      ? "UNAUTHENTICATED"
      : error.code === 100 || error.code === 131009 || error.code === 131008
        ? "VALIDATION_FAILED"
        : "SEND_FAILED";
  return new MultiWAError(code, `Meta error ${error.code}: ${error.message}${details ? ` (${details})` : ""}`, {
    scope: ENGINE_NAME,
    details: {
      metaCode: error.code,
      retryable: RETRYABLE_CODES.has(error.code),
      ...(error.error_subcode ? { metaSubcode: error.error_subcode } : {}),
      ...(error.fbtrace_id ? { fbtraceId: error.fbtrace_id } : {}),
    },
  });
}

export function metaCodeOf(error: unknown): number | undefined {
  return (error as { details?: { metaCode?: number } })?.details?.metaCode;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: text.slice(0, 200), code: 1 } };
  }
}
