import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { createClient } from "@multiwa/sdk";
import { startServer, type RunningServer } from "../../../server/test/helpers/server.js";

// Starts the MCP server the way mcp-config.json tells an AI desktop client to, against a test gateway.
const DIR = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(DIR, "../..");
type Entry = { command: string; args: string[]; env: Record<string, string> };
const config = JSON.parse(readFileSync(join(DIR, "mcp-config.json"), "utf8")) as { mcpServers: Record<string, Entry> };
let server: RunningServer;
let mcp: Client | undefined;

beforeAll(async () => {
  server = await startServer();
}, 300_000);
afterAll(async () => {
  await mcp?.close();
  await server?.stop();
});

describe("examples/mcp-client-config", () => {
  it("names a package whose bin serves the MultiWA tools over stdio", async () => {
    const entry = config.mcpServers.multiwa!;
    expect(entry.command).toBe("npx");
    const pkgName = entry.args.find((a) => !a.startsWith("-"))!;
    const pkg = JSON.parse(readFileSync(join(DIR, "node_modules", pkgName, "package.json"), "utf8")) as {
      name: string;
      bin: Record<string, string>;
    };
    expect(pkg.name).toBe(pkgName);
    const [binPath] = Object.values(pkg.bin);
    // npx runs the built bin; unbuilt in this repository, its source runs through tsx instead.
    const source = join(ROOT, "packages/mcp", binPath!.replace(/^\.\/dist\/(.+)\.js$/, "src/$1.ts"));

    const admin = createClient({ baseUrl: server.url, apiKey: server.key });
    await admin.createProfile({ body: { id: "desk", name: "Desk", engine: "mock" } });
    const { token } = await admin.createKey({
      body: {
        name: "desktop agent",
        workspaceId: "default",
        permissions: ["profiles.read", "messages.read", "messages.send"],
      },
    });
    const env = { ...process.env, ...entry.env, MULTIWA_URL: server.url, MULTIWA_API_KEY: token } as Record<
      string,
      string
    >;
    mcp = new Client({ name: "desktop", version: "1.0.0" });
    await mcp.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ["--import", "tsx", source],
        cwd: ROOT,
        env,
        stderr: "pipe",
      }),
    );

    const { tools } = await mcp.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["list_profiles", "prepare_send", "confirm_send", "read_chat"]),
    );
    for (const tool of tools) expect(tool.annotations, tool.name).toHaveProperty("readOnlyHint");
    const result = (await mcp.callTool({ name: "list_profiles", arguments: {} })) as { content: { text: string }[] };
    expect(result.content[0]!.text).toContain('"id": "desk"');
    // The example's allowlist is in force: its numbers only.
    const refused = (await mcp.callTool({
      name: "prepare_send",
      arguments: { profileId: "desk", to: "628555000111", content: { type: "text", text: "x" } },
    })) as { isError?: boolean; content: { text: string }[] };
    expect(refused.isError).toBe(true);
    expect(refused.content[0]!.text).toContain("RECIPIENT_NOT_ALLOWED");
  }, 60_000);
});
