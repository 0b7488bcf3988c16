import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./helpers/server.js";

let server: RunningServer;
beforeAll(async () => {
  // A high rate limit: this test sends many requests on purpose.
  server = await startServer({ MULTIWA_RATE_LIMIT: "100000" });
  await server.api("/api/profiles", { method: "POST", json: { id: "fuzz", name: "Fuzz", engine: "mock" } });
}, 120_000);
afterAll(async () => server?.stop());

const PARAM_VALUES = ["fuzz", "nope", "%00", "..%2F..%2Fetc", "🙂", "a".repeat(300), "1-2@g.us", "-1"];
const BODIES: unknown[] = [
  undefined,
  {},
  [],
  "text",
  42,
  null,
  true,
  { to: null, content: null },
  { to: 1, content: { type: 1 } },
  { to: "628123456789", content: { type: "text", text: 7 } },
  { to: "628123456789", content: { type: "image", media: { base64: "@@@" } } },
  { to: "628123456789", content: { type: "image", media: { url: "file:///etc/passwd" } } },
  { id: "../x", name: "" },
  { url: "javascript:alert(1)", events: "all" },
  { action: "explode", participants: "x" },
  { phone: {} },
  { state: "flying" },
  { ids: [] },
  { subject: "x".repeat(10_000), participants: [] },
  { name: "k", permissions: [] },
  { name: "k", expiresAt: -5 },
  { __proto__: { admin: true } },
  { constructor: { prototype: { x: 1 } } },
  { to: "628123456789", content: { type: "poll", name: "q", options: ["a"], selectableCount: 99 } },
];
const RAW_BODIES: [string, string][] = [
  ["application/json", "{"],
  ["application/json", "[[[[[[[["],
  ["application/json", '"\\u0000"'],
  ["text/plain", "hello"],
  ["application/x-www-form-urlencoded", "a=1&b=2"],
  ["multipart/form-data; boundary=x", "--x\r\nbroken"],
];

describe("malformed input never causes a 500", () => {
  it("every route answers 4xx with a JSON error for garbage params and bodies", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: unknown };
    const failures: string[] = [];
    let requests = 0;
    for (const [template, item] of Object.entries(
      doc.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        if (template.endsWith("/stream") || template.endsWith("/events")) continue;
        for (const value of PARAM_VALUES) {
          const path = template.replace(/\{[^}]+\}/g, encodeURIComponent(value).replace(/%25/g, "%"));
          const bodies = method === "get" || method === "delete" ? [undefined] : BODIES;
          for (const body of bodies) {
            const res = await server.api(`${path}?limit=abc&format=gif&before=${encodeURIComponent("\u0000")}`, {
              method: method.toUpperCase(),
              ...(body === undefined ? {} : { json: body }),
            });
            requests++;
            const text = await res.text();
            if (
              res.status >= 500 ||
              (!text.startsWith("{") &&
                !text.startsWith("[") &&
                res.status !== 204 &&
                !/image\/png|text\/csv/.test(res.headers.get("content-type") ?? ""))
            )
              failures.push(
                `${method} ${path} ${JSON.stringify(body)?.slice(0, 60)} → ${res.status} ${text.slice(0, 120)}`,
              );
          }
          if (method !== "get" && method !== "delete") {
            for (const [type, raw] of RAW_BODIES) {
              const res = await server.api(path, {
                method: method.toUpperCase(),
                body: raw,
                headers: { "content-type": type },
              });
              requests++;
              if (res.status >= 500)
                failures.push(`${method} ${path} raw ${type} → ${res.status} ${(await res.text()).slice(0, 120)}`);
            }
          }
          void op;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(1000);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  }, 240_000);
});
