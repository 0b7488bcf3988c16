// Issue #19 item 4: one error vocabulary from the library to the client. Every code a body can carry is in
// one closed list with its HTTP status; the server's literals, the OpenAPI document, the README and the SDK
// all follow it. Wave 1 answered a bare 401 from h3 as `BAD_REQUEST` and documented no code at all.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodeTable } from "../../test/support/error-codes.js";
import { API_ERROR_CODES, codeForStatus, ERROR_CODES, type ApiErrorCode } from "#lib/error-codes.js";
import { buildOpenApi } from "#lib/openapi.js";
import { startServer, type RunningServer } from "./helpers/server.js";
import { gatewaySourceFiles } from "./helpers/sources.js";

/** Where a status other than the code's own is meant, and why. */
const EXCEPTIONS: Record<string, string> = {
  // Meta retries a webhook answered 5xx: a profile nobody runs yet must not lose the payload.
  "503 ENGINE_NOT_CONNECTED": "server/routes/api/ingress/meta/[profileId].post.ts",
};

describe("error vocabulary", () => {
  it("every code the server writes is in the list, with the list's status", () => {
    const known = new Set<string>(API_ERROR_CODES);
    for (const file of gatewaySourceFiles()) {
      const text = readFileSync(file, "utf8");
      for (const [, code] of text.matchAll(/\bcode: "([A-Z_]+)"/g))
        expect(known.has(code!), `${code} in ${file}`).toBe(true);
      for (const [, status, code] of text.matchAll(/apiError\((\d{3}),\s*\{\s*code: "([A-Z_]+)"/g)) {
        const pair = `${status} ${code}`;
        if (EXCEPTIONS[pair] && file.endsWith(EXCEPTIONS[pair])) continue;
        expect(Number(status), `${pair} in ${file}`).toBe(ERROR_CODES[code as ApiErrorCode].status);
      }
    }
  });

  it("bare statuses map to their code, and unknown failures to INTERNAL", () => {
    expect(codeForStatus(401)).toBe("UNAUTHENTICATED");
    expect(codeForStatus(404)).toBe("NOT_FOUND");
    expect(codeForStatus(418)).toBe("BAD_REQUEST");
    expect(codeForStatus(502)).toBe("INTERNAL");
  });

  it("OpenAPI's Error schema and the README list exactly these codes", () => {
    const doc = buildOpenApi() as { components: { schemas: { Error: { properties: { code: { enum: string[] } } } } } };
    expect(doc.components.schemas.Error.properties.code.enum).toEqual(API_ERROR_CODES);
    expect(errorCodeTable.current()).toBe(errorCodeTable.render());
  });
});

describe("error bodies from a running gateway", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  }, 120_000);
  afterAll(() => server?.stop());

  it("carry a listed code whose status is the response's", async () => {
    const cases: [string, RequestInit & { key?: string | null }, ApiErrorCode][] = [
      ["/api/no-such-route", {}, "NOT_FOUND"],
      ["/api/profiles", { key: null }, "UNAUTHENTICATED"],
      ["/api/profiles", { key: "mwa_wrong_key_0000000000" }, "UNAUTHENTICATED"],
      ["/api/profiles/nobody", {}, "PROFILE_NOT_FOUND"],
      [
        "/api/profiles",
        { method: "POST", body: "{", headers: { "content-type": "application/json" } },
        "MALFORMED_JSON",
      ],
      [
        "/api/profiles",
        { method: "POST", body: "{}", headers: { "content-type": "application/json" } },
        "VALIDATION_FAILED",
      ],
    ];
    for (const [path, init, code] of cases) {
      const res = await server.api(path, init);
      const body = (await res.json()) as { code: ApiErrorCode; message: string };
      expect({ path, code: body.code, status: res.status }).toEqual({ path, code, status: ERROR_CODES[code].status });
      expect(body.message.length).toBeGreaterThan(0);
    }
  });
});
