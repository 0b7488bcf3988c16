import type { IHttpRequestOptions } from "n8n-workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MultiWaApi } from "../src/credentials/MultiWaApi.credentials";
import { httpRequest } from "./helpers/context";
import { startServer, type RunningServer } from "../../../server/test/helpers/server.js";

let gateway: RunningServer;
beforeAll(async () => void (gateway = await startServer()), 120_000);
afterAll(() => gateway?.stop("SIGKILL"));

/** Evaluates the `={{$credentials.x…}}` expressions the credential declares, as n8n does for this simple form. */
function resolve(value: unknown, credentials: Record<string, string>): string {
  const text = String(value);
  if (!text.startsWith("={{")) return text;
  return new Function("$credentials", `return ${text.slice(3, -2)}`)(credentials) as string;
}

/** Runs the credential's declared test request with its declared authentication, as n8n's "Test" button does. */
async function testCredential(credentials: Record<string, string>): Promise<number> {
  const type = new MultiWaApi();
  const request = type.test.request;
  const headers = Object.fromEntries(
    Object.entries(type.authenticate.properties.headers ?? {}).map(([k, v]) => [k, resolve(v, credentials)]),
  );
  const options: IHttpRequestOptions = {
    baseURL: resolve(request.baseURL, credentials),
    url: request.url!,
    method: request.method,
    headers,
    returnFullResponse: true,
    ignoreHttpStatusErrors: true,
  };
  return ((await httpRequest(options)) as { statusCode: number }).statusCode;
}

describe("MultiWA credentials", () => {
  it("test request succeeds with a valid key (base URL with or without a trailing slash) and fails with a wrong one", async () => {
    expect(await testCredential({ baseUrl: gateway.url, apiKey: gateway.key })).toBe(200);
    expect(await testCredential({ baseUrl: `${gateway.url}/`, apiKey: gateway.key })).toBe(200);
    expect(await testCredential({ baseUrl: gateway.url, apiKey: "wrong-key-0123456789" })).toBe(401);
  });
});
