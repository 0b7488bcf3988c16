import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ciTool } from "./helpers/ci-tools.js";
import { gatewayWithProfile, type RunningServer } from "./helpers/mock-gateway.js";

// The gateway's /mcp and @multiwa/mcp's stdio bin driven by the real MCP Inspector CLI (installed by
// .ci/ensure-mcp-inspector.sh), plus the HTTP details SDK clients depend on.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const inspector = ciTool(
  "mcp-inspector-0.15.0",
  "node_modules/@modelcontextprotocol/inspector/cli/build/cli.js",
  "ensure-mcp-inspector.sh",
);
const run = promisify(execFile);
let gw: RunningServer;
let key = "";

/** One Inspector CLI call; its stdout is the JSON result. */
async function inspect(args: string[], env: Record<string, string> = {}) {
  const { stdout } = await run(process.execPath, [inspector.path!, "--cli", ...args], {
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  gw = await gatewayWithProfile("line", "628555000555");
  const created = await gw.api("/api/keys", {
    method: "POST",
    json: { name: "agent", workspaceId: "default", permissions: ["profiles.read", "messages.read"] },
  });
  key = ((await created.json()) as { token: string }).token;
}, 120_000);

afterAll(async () => {
  await gw?.stop();
});

describe("/mcp over HTTP", () => {
  // Regression: GET answered 200 with an empty event stream, so an idle SDK client reopened it every second.
  it("answers GET and DELETE with 405 and Allow: POST (stateless: no server-to-client stream)", async () => {
    for (const method of ["GET", "DELETE"]) {
      const res = await fetch(`${gw.url}/mcp`, { method, headers: { "x-api-key": key, accept: "text/event-stream" } });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(await res.json()).toMatchObject({ code: "METHOD_NOT_ALLOWED" });
    }
  });

  it("keeps an idle SDK client quiet: one GET, refused, never retried", async () => {
    const gets: number[] = [];
    const client = new Client({ name: "idle", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`${gw.url}/mcp`), {
      requestInit: { headers: { "x-api-key": key } },
      fetch: (input, init) => {
        if ((init?.method ?? "GET") === "GET") gets.push(Date.now());
        return fetch(input, init);
      },
    });
    await client.connect(transport);
    await new Promise((r) => setTimeout(r, 3_000));
    await client.close();
    expect(gets.length).toBeLessThanOrEqual(1);
  });

  // Regression: a bare 401 made MCP clients go looking for OAuth metadata.
  it("answers a missing or wrong key with 401 and a WWW-Authenticate naming the API-key header", async () => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    for (const extra of [{}, { "x-api-key": "nope" }] as Record<string, string>[]) {
      const res = await fetch(`${gw.url}/mcp`, { method: "POST", body, headers: { ...headers, ...extra } });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('ApiKey realm="MultiWA", header="X-API-Key"');
      expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
    }
  });
});

describe.skipIf(inspector.skip)("MCP Inspector CLI 0.15", () => {
  it("lists the tools and calls one over Streamable HTTP (key in ?apiKey=, the CLI sends no headers)", async () => {
    const url = `${gw.url}/mcp?apiKey=${encodeURIComponent(key)}`;
    const listed = (await inspect([url, "--transport", "http", "--method", "tools/list"])) as {
      tools: { name: string }[];
    };
    expect(listed.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["list_profiles", "read_chat", "prepare_send"]),
    );
    const called = (await inspect([
      url,
      "--transport",
      "http",
      "--method",
      "tools/call",
      "--tool-name",
      "list_profiles",
    ])) as { content: { text: string }[]; isError?: boolean };
    expect(called.isError).toBeFalsy();
    expect(called.content[0]!.text).toContain('"line"');
  }, 90_000);

  it("is refused over HTTP without a key", async () => {
    await expect(inspect([`${gw.url}/mcp`, "--transport", "http", "--method", "tools/list"])).rejects.toThrow(
      /X-API-Key/,
    );
  }, 90_000);

  it("lists the tools and calls one over stdio through @multiwa/mcp's bin", async () => {
    // The bin's source (its packed build is run by test/publish/pack.test.ts; building here would race it).
    const env = { MULTIWA_URL: gw.url, MULTIWA_API_KEY: key };
    const bin = [process.execPath, "--import", "tsx", `${ROOT}packages/mcp/src/cli.ts`];
    const listed = (await inspect([...bin, "--method", "tools/list"], env)) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toContain("list_profiles");
    const called = (await inspect([...bin, "--method", "tools/call", "--tool-name", "list_profiles"], env)) as {
      content: { text: string }[];
    };
    expect(called.content[0]!.text).toContain('"line"');
  }, 120_000);
});
