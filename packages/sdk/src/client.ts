import { errorFromResponse, MultiWAApiError } from "./errors.js";
import { operations, type Operations } from "./generated/operations.js";
import { streamEvents, type EventStreamOptions, type GatewayEvent } from "./sse.js";
import { subscribe, type Subscription, type SubscribeOptions } from "./ws.js";

export type OperationId = keyof Operations;
export type OperationInput<K extends OperationId> = Operations[K]["input"];
export type OperationResponse<K extends OperationId> = Operations[K]["response"];

/** A value, or a function read at every call (e.g. the key of whoever is signed in now). */
export type Dynamic<T> = T | (() => T);

export interface ClientOptions {
  /** The gateway's address, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /**
   * An API key (sent as `X-API-Key`), or a function that returns the current one; a function may return
   * nothing (signed out, or a cookie session), and the request then goes without the header.
   */
  apiKey: Dynamic<string | null | undefined>;
  /** A fetch implementation; @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. `x-organization`), or a function read at every call. */
  headers?: Dynamic<Record<string, string>>;
  /** Told about every 401 answer to a call made with the client's own key (e.g. to sign out). */
  onUnauthorized?: (error: MultiWAApiError) => void;
}

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** This call's key instead of the client's (e.g. checking a key before keeping it); no `onUnauthorized`. */
  apiKey?: string | null;
}

type Args<K extends OperationId> = Operations[K]["inputOptional"] extends true
  ? [input?: OperationInput<K>, options?: RequestOptions]
  : [input: OperationInput<K>, options?: RequestOptions];

/** One typed method per REST operation, named by its operation id (see /openapi.json). */
export type OperationMethods = { [K in OperationId]: (...args: Args<K>) => Promise<OperationResponse<K>> };

export interface MultiWAClient extends OperationMethods {
  /** Calls any operation by id; the same as `client[id](input)`. */
  request<K extends OperationId>(id: K, ...args: Args<K>): Promise<OperationResponse<K>>;
  /** The answer unread (a CSV export, a file), after the same error handling: `raw("auditLog", { query: { format: "csv" } })`. */
  raw<K extends OperationId>(id: K, ...args: Args<K>): Promise<Response>;
  /** Live events that survive gateway restarts (the raw SSE operations stay available as `streamEvents` etc.). */
  live: LiveEvents;
  /**
   * `GET /health`: the gateway's liveness, with no key. It is outside `/api` and the OpenAPI document on purpose
   * (load balancers and orchestrators probe it without credentials), so it has this method instead of an operation.
   */
  health(options?: Pick<RequestOptions, "signal">): Promise<Health>;
}

/** What `GET /health` answers: the process is up and the library started. */
export interface Health {
  ok: boolean;
  /** The node that answered (a cluster has several). */
  node: string;
  /** The engines this gateway runs. */
  engines: string[];
  /** Set when the gateway runs in demo mode (the sign-in page explains the demo's credentials). */
  demo?: boolean;
}

export interface LiveEvents {
  /** A profile's events over server-sent events, reconnecting with backoff until `signal` aborts. */
  profile(profileId: string, options?: EventStreamOptions): AsyncIterable<GatewayEvent>;
  /**
   * A profile's login QR codes over server-sent events: a `qr` event per rotation, `status` once the session
   * leaves the login state (stop there: the stream would reconnect to an ended login).
   */
  qr(profileId: string, options?: EventStreamOptions): AsyncIterable<GatewayEvent>;
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
  const apiKey = (): string | undefined => _read(options.apiKey) || undefined;
  const headers = (key: string | undefined): Record<string, string> => ({
    ...(key ? { "x-api-key": key } : {}),
    ..._read(options.headers),
  });

  const request = async (
    id: OperationId | typeof HEALTH,
    input: Record<string, unknown> = {},
    init: RequestOptions = {},
    raw = false,
  ): Promise<unknown> => {
    const meta: { method: string; path: string; produces?: string; status?: number } =
      typeof id === "string" ? operations[id] : id;
    if (!meta) throw new TypeError(`Unknown operation \`${String(id)}\``);
    const url = baseUrl + buildPath(meta.path, input) + buildQuery(input.query as Record<string, unknown> | undefined);
    const hasBody = "body" in input;
    // Uploads go as multipart: fetch sets the content type with its boundary.
    const form = typeof FormData !== "undefined" && input.body instanceof FormData;
    const ownKey = init.apiKey === undefined;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: meta.method,
        headers: {
          ...headers(ownKey ? apiKey() : (init.apiKey ?? undefined)),
          ...(hasBody && !form ? { "content-type": "application/json" } : {}),
          ...init.headers,
        },
        ...(hasBody ? { body: form ? (input.body as FormData) : JSON.stringify(input.body) } : {}),
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
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (response.status === 401 && ownKey) options.onUnauthorized?.(error);
      throw error;
    }
    if (raw) return response;
    if (response.status === 204 || meta.status === 204) return undefined;
    // Streams and files are handed back as they are.
    if (!(response.headers.get("content-type") ?? "").includes("json")) return response;
    return response.json();
  };

  const client = {
    request: (id: OperationId, input?: Record<string, unknown>, init?: RequestOptions) => request(id, input, init),
    raw: (id: OperationId, input?: Record<string, unknown>, init?: RequestOptions) => request(id, input, init, true),
    health: (init: Pick<RequestOptions, "signal"> = {}) => request(HEALTH, {}, { ...init, apiKey: null }),
    live: {
      profile: (profileId: string, opts?: EventStreamOptions) =>
        streamEvents({
          url: `${baseUrl}/api/profiles/${encodeURIComponent(profileId)}/events`,
          headers: headers(apiKey()),
          fetch: doFetch,
          ...opts,
        }),
      qr: (profileId: string, opts?: EventStreamOptions) =>
        streamEvents({
          url: `${baseUrl}/api/profiles/${encodeURIComponent(profileId)}/qr/stream`,
          headers: headers(apiKey()),
          fetch: doFetch,
          ...opts,
        }),
      campaign: (campaignId: string, opts: EventStreamOptions & { workspaceId?: string } = {}) => {
        const { workspaceId, ...rest } = opts;
        return streamEvents({
          url: `${baseUrl}/api/campaigns/${encodeURIComponent(campaignId)}/events${buildQuery({ workspaceId })}`,
          headers: headers(apiKey()),
          fetch: doFetch,
          ...rest,
        });
      },
      subscribe: (profileIds: string[], opts: SubscribeOptions) =>
        subscribe({ url: `${baseUrl.replace(/^http/, "ws")}/api/ws`, apiKey: apiKey() ?? "", profileIds, ...opts }),
    } satisfies LiveEvents,
  } as Record<string, unknown>;
  for (const id of Object.keys(operations) as OperationId[])
    client[id] = (input?: Record<string, unknown>, init?: RequestOptions) => request(id, input, init);
  return client as unknown as MultiWAClient;
}

// --- Internal helpers ---

const HEALTH = { method: "GET", path: "/health" } as const;

function _read<T>(value: Dynamic<T>): T {
  return typeof value === "function" ? (value as () => T)() : value;
}

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
