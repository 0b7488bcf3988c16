import type { H3Event } from "h3";
import { useConfig } from "./config/config.js";
import { apiError } from "./errors.js";

/** JSON bodies. `MULTIWA_BODY_LIMIT` (bytes). @default 1 MiB */
export const jsonBodyLimit = () => useConfig().MULTIWA_BODY_LIMIT;
/** Bodies of operations that take media (multipart uploads, base64 in JSON). `MULTIWA_MEDIA_BODY_LIMIT` (bytes). @default 90 MiB (64 MiB of media as base64) */
export const mediaBodyLimit = () => useConfig().MULTIWA_MEDIA_BODY_LIMIT;
/** Nesting of JSON bodies and JSON form fields; deeper input is refused before it is parsed. */
export const MAX_JSON_DEPTH = 64;

const RAW_BODY = Symbol.for("h3RawBody");
const PAYLOAD = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Makes every body read of this request (h3's readBody, readMultipartFormData, toWebRequest) go
 * through a size-capped reader: over the limit the request is answered 413 with a JSON body and the
 * rest is discarded unread. The limit is the route's (`setBodyLimit`), else `jsonBodyLimit()`.
 */
export function capRequestBody(event: H3Event): void {
  const req = event.node.req as unknown as Record<string | symbol, unknown>;
  // In-process requests (localFetch) carry their body already; only real sockets are streamed.
  if (
    !PAYLOAD.has(event.method) ||
    "__unenv__" in req ||
    req.body !== undefined ||
    req.rawBody !== undefined ||
    RAW_BODY in req
  )
    return;
  let read: Promise<Buffer> | undefined;
  Object.defineProperty(req, RAW_BODY, {
    configurable: true,
    get: () => (read ??= _readCapped(event, (event.context.bodyLimit as number | undefined) ?? jsonBodyLimit())),
    set: (value: Promise<Buffer>) => {
      read = value;
    },
  });
}

/** Raises (or lowers) the body limit of this request; call before the body is read. */
export function setBodyLimit(event: H3Event, bytes: number): void {
  event.context.bodyLimit = bytes;
}

/** Parses JSON text refusing nesting deeper than `MAX_JSON_DEPTH` (400) and dropping `__proto__` keys. */
export function parseJsonText(text: string, field?: string): unknown {
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw apiError(400, {
      code: "TOO_DEEP",
      message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
      ...(field ? { field } : {}),
    });
  }
  return JSON.parse(text, (key, value: unknown) => (key === "__proto__" ? undefined : value));
}

/** The deepest nesting of `[`/`{` in JSON text, strings skipped; one linear pass, no recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

// --- Internal helpers ---

function _readCapped(event: H3Event, limit: number): Promise<Buffer> {
  const req = event.node.req;
  const tooLarge = () =>
    apiError(413, {
      code: "PAYLOAD_TOO_LARGE",
      message: `The request body is larger than ${limit} bytes`,
      details: { limit },
    });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers["content-length"] ?? 0) > limit;
    if (over) reject(tooLarge());
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      // Past the limit the rest is read and dropped, so the client still sees the 413; a sender that
      // keeps going well beyond it is cut off.
      if (over) return void (size > limit + DRAIN_BYTES && req.destroy());
      if (size <= limit) return void chunks.push(chunk);
      over = true;
      chunks.length = 0;
      reject(tooLarge());
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const DRAIN_BYTES = 16 * 1024 * 1024;
