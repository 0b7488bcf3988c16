import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { MultiWAError } from "../errors.js";
import { familyOf, parseTarget, resolveTarget, type OutboundPolicy } from "./target.js";

export interface OutboundRequest {
  /** @default "GET" */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** For the whole call, redirects included. @default 10000 */
  timeoutMs?: number;
  /** Response body cap. @default 1 MiB */
  maxBytes?: number;
  /** Cut a longer body at `maxBytes` instead of failing. @default false */
  truncate?: boolean;
  /** Redirects followed, each hop checked like the first; 0 hands a 3xx back as it is. @default 0 */
  maxRedirects?: number;
  /** The input field the URL came from, named in errors. @default "url" */
  field?: string;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
  truncated: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The one way the gateway calls out. Each hop: resolve the host, refuse unless every address is
 * public (see `OutboundPolicy`), then connect to the checked address itself (the socket's lookup is
 * pinned, so DNS cannot answer differently between check and connect). Redirects are followed by
 * hand, each checked again; size and total time are capped. Sockets are kept alive per checked host.
 */
export class OutboundClient {
  private readonly agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(readonly policy: OutboundPolicy = {}) {}

  async request(url: string, init: OutboundRequest = {}): Promise<OutboundResponse> {
    const field = init.field ?? "url";
    const deadline = Date.now() + (init.timeoutMs ?? 10_000);
    let target = parseTarget(url, field);
    let method = (init.method ?? "GET").toUpperCase();
    let body = init.body;
    let headers = { ...init.headers };
    for (let hop = 0; ; hop++) {
      const addresses = await resolveTarget(target, this.policy, field);
      const response = await this.once(target, addresses[0]!, { method, headers, body }, deadline, init);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.status) || !location || !init.maxRedirects) return response;
      if (hop >= init.maxRedirects)
        throw new MultiWAError(
          "SEND_FAILED",
          `${describe(method, target)} redirected more than ${init.maxRedirects} times`,
          { details: { field } },
        );
      const next = parseTarget(new URL(location, target).href, field);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
        headers = _without(headers, ["content-type", "content-length"]);
      }
      // Credentials are for the origin they were given for.
      if (next.origin !== target.origin)
        headers = _without(headers, ["authorization", "cookie", "x-multiwa-signature"]);
      target = next;
    }
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  // --- Internal helpers ---

  private once(
    target: URL,
    address: string,
    req: { method: string; headers: Record<string, string>; body?: string | Uint8Array | undefined },
    deadline: number,
    init: OutboundRequest,
  ): Promise<OutboundResponse> {
    const maxBytes = init.maxBytes ?? 1024 * 1024;
    const field = init.field ?? "url";
    const what = describe(req.method, target);
    const family = familyOf(address);
    const lookup: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all)
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
          { address, family },
        ]);
      else callback(null, address, family);
    };
    const https = target.protocol === "https:";
    return new Promise<OutboundResponse>((resolve, reject) => {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return reject(new MultiWAError("TIMEOUT", `${what} timed out`, { details: { field } }));
      const send = https ? httpsRequest : httpRequest;
      const request = send(target, {
        method: req.method,
        headers: req.headers,
        agent: https ? this.agents.https : this.agents.http,
        lookup,
      });
      const timer = setTimeout(
        () => request.destroy(new MultiWAError("TIMEOUT", `${what} timed out`, { details: { field } })),
        remaining,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(
          error instanceof MultiWAError
            ? error
            : new MultiWAError("SEND_FAILED", `${what} failed: ${error.message}`, { cause: error, details: { field } }),
        );
      };
      request.on("error", fail);
      request.on("response", (res: IncomingMessage) => {
        const declared = Number(res.headers["content-length"] ?? 0);
        if (!init.truncate && declared > maxBytes) return (res.destroy(), fail(tooLarge(what, maxBytes, field)));
        const chunks: Buffer[] = [];
        let size = 0;
        const done = (truncated: boolean) => {
          clearTimeout(timer);
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: truncated ? bytes.subarray(0, maxBytes) : bytes,
            url: target.href,
            truncated,
          });
        };
        res.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          chunks.push(chunk);
          if (size <= maxBytes) return;
          // A body over the cap is never read to its end: the socket is dropped instead of reused.
          res.destroy();
          if (init.truncate) done(true);
          else fail(tooLarge(what, maxBytes, field));
        });
        res.on("end", () => done(false));
        res.on("error", fail);
      });
      request.end(req.body);
    });
  }
}

function describe(method: string, url: URL): string {
  return `${method} ${url.origin}${url.pathname}`;
}

function tooLarge(what: string, maxBytes: number, field: string): MultiWAError {
  return new MultiWAError("VALIDATION_FAILED", `${what} answered more than ${maxBytes} bytes`, {
    details: { field, limit: maxBytes },
  });
}

function _without(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !names.includes(k.toLowerCase())));
}
