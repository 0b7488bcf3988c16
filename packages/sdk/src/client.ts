import { errorFromResponse, MultiWAApiError } from "./errors.js";
import { operations, type Operations } from "./generated/operations.js";
import { streamEvents, type EventStreamOptions, type GatewayEvent } from "./sse.js";
import { subscribe, type Subscription, type SubscribeOptions } from "./ws.js";

export type OperationId = keyof Operations;
export type OperationInput<K extends OperationId> = Operations[K]["input"];
export type OperationResponse<K extends OperationId> = Operations[K]["response"];

export interface ClientOptions {
  /** The gateway's address, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** An API key (sent as `X-API-Key`). */
  apiKey: string;
  /** A fetch implementation; @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. `x-organization`). */
  headers?: Record<string, string>;
}

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

type Args<K extends OperationId> = Operations[K]["inputOptional"] extends true
  ? [input?: OperationInput<K>, options?: RequestOptions]
  : [input: OperationInput<K>, options?: RequestOptions];

/** One typed method per REST operation, named by its operation id (see /openapi.json). */
export type OperationMethods = { [K in OperationId]: (...args: Args<K>) => Promise<OperationResponse<K>> };

export interface MultiWAClient extends OperationMethods {
  /** Calls any operation by id; the same as `client[id](input)`. */
  request<K extends OperationId>(id: K, ...args: Args<K>): Promise<OperationResponse<K>>;
  /** Live events that survive gateway restarts (the raw SSE operations stay available as `streamEvents` etc.). */
  live: LiveEvents;
}

export interface LiveEvents {
  /** A profile's events over server-sent events, reconnecting with backoff until `signal` aborts. */
  profile(profileId: string, options?: EventStreamOptions): AsyncIterable<GatewayEvent>;
  /** A campaign's `campaign.progress`/`campaign.status` events, reconnecting like `profile`. */
  campaign(campaignId: string, options?: EventStreamOptions & { workspaceId?: string }): AsyncIterable<GatewayEvent>;
  /** Events of several profiles over one WebSocket, subscribing again after every reconnect. */
  subscribe(profileIds: string[], options: SubscribeOptions): Subscription;
}

/**
 * A typed client for the whole gateway API.
 * @example
 * const client = createClient({ baseUrl: "http://localhost:3000", apiKey: process.env.MULTIWA_API_KEY! });
 * await client.sendMessage({ id: "sales", body: { to: "+6281234567890", content: { type: "text", text: "Hi" } } });
 */
export function createClient(options: ClientOptions): MultiWAClient {
  if (!options.baseUrl) throw new TypeError("Expected `baseUrl`, e.g. http://localhost:3000");
  if (!options.apiKey) throw new TypeError("Expected `apiKey`");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const headers = { "x-api-key": options.apiKey, ...options.headers };

  const request = async (
    id: OperationId,
    input: Record<string, unknown> = {},
    init: RequestOptions = {},
  ): Promise<unknown> => {
    const meta: { method: string; path: string; produces?: string; status?: number } = operations[id];
    if (!meta) throw new TypeError(`Unknown operation \`${String(id)}\``);
    const url = baseUrl + buildPath(meta.path, input) + buildQuery(input.query as Record<string, unknown> | undefined);
    const hasBody = "body" in input;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: meta.method,
        headers: { ...headers, ...(hasBody ? { "content-type": "application/json" } : {}), ...init.headers },
        ...(hasBody ? { body: JSON.stringify(input.body) } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new MultiWAApiError(
        0,
        { code: "NETWORK_ERROR", message: `Could not reach the gateway at ${baseUrl}: ${(error as Error).message}` },
        { cause: error },
      );
    }
    if (!response.ok) throw await errorFromResponse(response);
    if (response.status === 204 || meta.status === 204) return undefined;
    // Streams and files are handed back as they are.
    if (!(response.headers.get("content-type") ?? "").includes("json")) return response;
    return response.json();
  };

  const client = {
    request: (id: OperationId, input?: Record<string, unknown>, init?: RequestOptions) => request(id, input, init),
    live: {
      profile: (profileId: string, opts?: EventStreamOptions) =>
        streamEvents({
          url: `${baseUrl}/api/profiles/${encodeURIComponent(profileId)}/events`,
          headers,
          fetch: doFetch,
          ...opts,
        }),
      campaign: (campaignId: string, opts: EventStreamOptions & { workspaceId?: string } = {}) => {
        const { workspaceId, ...rest } = opts;
        return streamEvents({
          url: `${baseUrl}/api/campaigns/${encodeURIComponent(campaignId)}/events${buildQuery({ workspaceId })}`,
          headers,
          fetch: doFetch,
          ...rest,
        });
      },
      subscribe: (profileIds: string[], opts: SubscribeOptions) =>
        subscribe({ url: `${baseUrl.replace(/^http/, "ws")}/api/ws`, apiKey: options.apiKey, profileIds, ...opts }),
    } satisfies LiveEvents,
  } as Record<string, unknown>;
  for (const id of Object.keys(operations) as OperationId[])
    client[id] = (input?: Record<string, unknown>, init?: RequestOptions) => request(id, input, init);
  return client as unknown as MultiWAClient;
}

// --- Internal helpers ---

function buildPath(template: string, input: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = input[name];
    if (value === undefined || value === null || value === "")
      throw new TypeError(`Expected the path parameter \`${name}\` for ${template}`);
    return encodeURIComponent(String(value));
  });
}

function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
