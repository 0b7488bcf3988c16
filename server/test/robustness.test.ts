import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRawAgent, rawRequest, type RawResponse } from "./helpers/raw-http.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Regression: #17 (findings 9 and 10) — a robustness sweep generated from the OpenAPI document: for
// every operation, malformed variants of its path params, query and body (wrong types, huge sizes,
// deep nesting, bad encodings, path tricks). Never a 5xx; always a JSON error with `code` and
// `message`, and `field` when a field is at fault. Where ids have no schema format yet, an id case
// may answer 404 rather than 400: asserted as "4xx with a JSON body".
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
  minLength?: number;
  minimum?: number;
  pattern?: string;
};
type Op = {
  parameters?: { name: string; in: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};

let server: RunningServer;
let doc: { paths: Record<string, Record<string, Op>> };
beforeAll(async () => {
  server = await startServer({ MULTIWA_RATE_LIMIT: "1000000" });
  await server.api("/api/profiles", { method: "POST", json: { id: "sweep", name: "Sweep", engine: "mock" } });
  doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as typeof doc;
}, 180_000);
afterAll(async () => {
  closeRawAgent();
  await server?.stop();
});

const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
const PATH_TRICKS = [
  "..",
  "%2e%2e",
  "..%2F..%2Fetc%2Fpasswd",
  "%00",
  "a%00b",
  "%0d%0aX-Injected:%201",
  "a".repeat(10_000),
  "%F0%9F%99%82",
  "%E0%A4%A",
  "%ff",
  "con",
  "-1",
  "%20",
];
const QUERY_TRICKS = ["abc", "-1", "1e999", "%00", "a".repeat(10_000), "%ff", "[]", "{}"];
const WHOLE_BODIES: [string, string | Buffer][] = [
  ["application/json", "{"],
  ["application/json", deep(10_000)],
  ["application/json", `{"a":${deep(10_000)}}`],
  ["application/json", "null"],
  ["application/json", Buffer.from([0xff, 0xfe, 0x7b, 0x7d])],
  ["application/json", `"${"x".repeat(200_000)}"`],
  ["application/json", "[" + "1,".repeat(100_000) + "1]"],
  ["text/plain", "hello"],
  ["multipart/form-data; boundary=x", "--x\r\nbroken"],
  ["application/json", `{"__proto__":{"admin":true}}`],
];

/** A plausible value for a JSON schema, so one field at a time can be broken. */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 4) return "x";
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== "null") ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (type === "object" || s.properties)
    return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k], depth + 1)]));
  if (type === "array") return [];
  if (type === "integer" || type === "number") return Math.max(1, s.minimum ?? 1);
  if (type === "boolean") return true;
  if (s.format === "uri") return "https://93.184.216.34/sweep";
  if (s.format === "email") return "sweep@example.com";
  return "x".repeat(Math.max(1, s.minLength ?? 1));
}

function breakages(s: Schema | undefined): unknown[] {
  const type = Array.isArray(s?.type) ? s?.type[0] : s?.type;
  const wrongType =
    type === "string"
      ? 12345
      : type === "array"
        ? { not: "an array" }
        : type === "object"
          ? ["not", "an", "object"]
          : "not-a-number";
  return [
    wrongType,
    null,
    "x".repeat(100_000),
    Array.from({ length: 5000 }, () => ({ a: 1 })),
    JSON.parse(deep(60)),
    { $where: "1", __proto__: { x: 1 } },
  ];
}

function judge(failures: string[], what: string, res: RawResponse, options: { fieldExpected?: boolean } = {}): void {
  const head = `${what} → ${res.status}`;
  if (res.status >= 500) return void failures.push(`${head} ${res.text.slice(0, 160)}`);
  if (res.status < 400) return;
  let body: { code?: unknown; message?: unknown; field?: unknown };
  try {
    body = JSON.parse(res.text);
  } catch {
    return void failures.push(`${head} not JSON: ${res.text.slice(0, 80)}`);
  }
  if (typeof body.code !== "string" || typeof body.message !== "string")
    failures.push(`${head} without code/message: ${res.text.slice(0, 120)}`);
  if (options.fieldExpected && res.status === 422 && typeof body.field !== "string")
    failures.push(`${head} 422 without field: ${res.text.slice(0, 120)}`);
  // Errors quote at most a short prefix of the input.
  if (res.text.length > 16_384) failures.push(`${head} error body of ${res.text.length} bytes`);
}

const SKIP = (path: string) =>
  path.endsWith("/stream") || path.endsWith("/events") || path === "/mcp" || path.endsWith("/ws");

describe("robustness sweep generated from the OpenAPI document", () => {
  it("path params: path tricks, NUL, bad encodings and 10k-character ids never reach a 5xx", async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      if (SKIP(template) || !template.includes("{")) continue;
      for (const [method, op] of Object.entries(item)) {
        for (const trick of PATH_TRICKS) {
          const path = template.replace(/\{[^}]+\}/g, trick);
          const body = op.requestBody
            ? JSON.stringify(sample(op.requestBody.content["application/json"]?.schema))
            : undefined;
          const res = await rawRequest(server.url, method.toUpperCase(), path, {
            headers: { "x-api-key": server.key, ...(body ? { "content-type": "application/json" } : {}) },
            ...(body ? { body } : {}),
          });
          requests++;
          judge(failures, `${method} ${path.slice(0, 100)}`, res);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(300);
  }, 300_000);

  it("query strings and bodies: wrong types, huge and deep values, bad encodings per field", async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [template, item] of Object.entries(doc.paths)) {
      if (SKIP(template)) continue;
      const path = template.replace(/\{[^}]+\}/g, "sweep");
      for (const [method, op] of Object.entries(item)) {
        const M = method.toUpperCase();
        const headers = { "x-api-key": server.key };
        for (const param of (op.parameters ?? []).filter((p) => p.in === "query")) {
          for (const trick of QUERY_TRICKS) {
            judge(
              failures,
              `${method} ${path}?${param.name}=${trick.slice(0, 20)}`,
              await rawRequest(server.url, M, `${path}?${param.name}=${trick}&${param.name}=2`, { headers }),
            );
            requests++;
          }
        }
        const schema = op.requestBody?.content["application/json"]?.schema;
        if (!schema) continue;
        const base = sample(schema) as Record<string, unknown>;
        const json = { ...headers, "content-type": "application/json" };
        for (const [name, prop] of Object.entries(schema.properties ?? {})) {
          for (const bad of breakages(prop)) {
            const res = await rawRequest(server.url, M, path, {
              headers: json,
              body: JSON.stringify({ ...base, [name]: bad }),
            });
            requests++;
            judge(failures, `${method} ${path} ${name}=${JSON.stringify(bad).slice(0, 30)}`, res, {
              fieldExpected: true,
            });
          }
        }
        for (const [type, raw] of WHOLE_BODIES) {
          judge(
            failures,
            `${method} ${path} raw ${type} ${String(raw).slice(0, 20)}`,
            await rawRequest(server.url, M, path, { headers: { ...headers, "content-type": type }, body: raw }),
          );
          requests++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 600_000);
});

describe("limits at the boundary", () => {
  // Regression: #17 (finding 10) — a 60 MB JSON body was accepted.
  it("a body over the limit is refused with 413 and a JSON body, with or without a content-length", async () => {
    const big = JSON.stringify({ url: "https://93.184.216.34/x", note: "x".repeat(2 * 1024 * 1024) });
    const res = await rawRequest(server.url, "POST", "/api/webhooks", {
      headers: { "x-api-key": server.key, "content-type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    const chunked = await fetch(`${server.url}/api/webhooks`, {
      method: "POST",
      headers: { "x-api-key": server.key, "content-type": "application/json" },
      duplex: "half",
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
          c.close();
        },
      }),
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    // An operation that takes media keeps the media limit: a 2 MB base64 image is not refused for size.
    const media = await server.api("/api/profiles/sweep/messages", {
      method: "POST",
      json: {
        to: "628123456789",
        content: { type: "image", media: { base64: Buffer.alloc(1_500_000, 1).toString("base64") } },
      },
    });
    expect(media.status).not.toBe(413);
  });

  // Regression: #17 (finding 9) — JSON nested 10,000 deep in free-form fields answered 500.
  it("JSON nested deeper than 64 levels is a 400, in JSON bodies and in multipart JSON fields", async () => {
    const flow = { name: "deep", nodes: [{ id: "s", type: "start", data: { x: JSON.parse(deep(100)) } }] };
    const res = await server.api("/api/flows", { method: "POST", json: flow });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "TOO_DEEP" });
    const text = `{"data":${deep(10_000)}}`;
    expect(
      (
        await rawRequest(server.url, "POST", "/api/contacts", {
          headers: { "x-api-key": server.key, "content-type": "application/json" },
          body: text,
        })
      ).status,
    ).toBe(400);
  });

  // Regression: #17 (finding 10) — error messages echoed the input unbounded (5 MB in, 10–26 MB out).
  it("error bodies quote at most a short prefix of the input", async () => {
    const body = JSON.stringify({ url: "h".repeat(900_000), events: Array.from({ length: 20_000 }, () => 7) });
    const res = await rawRequest(server.url, "POST", "/api/webhooks", {
      headers: { "x-api-key": server.key, "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(422);
    expect(res.text.length).toBeLessThan(16_384);
    expect(JSON.parse(res.text)).toMatchObject({ code: "VALIDATION_FAILED", field: expect.any(String) });
  });

  // Regression: #17 (finding 10) — Node's own 431 had no JSON body.
  it("headers too large: 431 with a JSON body", async () => {
    const res = await rawRequest(server.url, "GET", "/health", { headers: { "x-big": "y".repeat(100_000) } }).catch(
      (e: Error) => ({ status: 0, type: "", text: e.message }),
    );
    expect(res.status).toBe(431);
    expect(res.type).toContain("application/json");
    expect(JSON.parse(res.text)).toMatchObject({ code: "HEADERS_TOO_LARGE" });
  });
});
