import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciTool } from "../../../server/test/helpers/ci-tools.js";
import { gatewayWithProfile, phoneInbox, type RunningServer } from "../../../server/test/helpers/mock-gateway.js";
import { freePort } from "../../../server/test/helpers/server.js";

// The package on the real n8n 2.8.4 (installed by .ci/ensure-n8n.sh outside the repository), installed the
// way n8n's docs describe a manual install (`npm install <package>` in ~/.n8n/nodes), against a gateway on
// the mock engine: `n8n import:credentials`, `import:workflow`, `execute`. (The trigger under `n8n start` is
// tested on a fake context in trigger.test.ts; on the real n8n it is not yet: see the README.)
const PKG = fileURLToPath(new URL("..", import.meta.url));
const n8n = ciTool("n8n-2.8.4", "node_modules/n8n/bin/n8n", "ensure-n8n.sh");
const run = promisify(execFile);
const [ME, PEER] = ["628111000911", "628222000922"];
let gateway: RunningServer;
let home: string;
let database: string;
const env: Record<string, string> = {};
// n8n as a user starts it: not vitest's environment (NODE_ENV=test and VITEST* make n8n's logger silent).
const hostEnv = () => ({ PATH: process.env.PATH!, HOME: process.env.HOME!, ...env });

/** One n8n CLI command with this test's user folder and database; resolves with its output, exit code included. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const brokerPort = String(await freePort());
  const started = Date.now();
  let result: { code: number; out: string };
  try {
    const { stdout, stderr } = await run(process.execPath, [n8n.path!, ...args], { env: { ...hostEnv(), N8N_RUNNERS_BROKER_PORT: brokerPort }, timeout: 240_000, maxBuffer: 64 << 20 });
    result = { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    result = { code: typeof e.code === "number" ? e.code : 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
  console.log(`[n8n-host] n8n ${args[0]} exited ${result.code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const node = (name: string, type: string, parameters: Record<string, unknown>, credential?: string, extra: Record<string, unknown> = {}) => ({
  id: name, name, type, typeVersion: 1, position: [0, 0], parameters,
  ...(credential ? { credentials: { multiWaApi: { id: credential, name: credential } } } : {}), ...extra,
});
const workflow = (id: string, nodes: ReturnType<typeof node>[]) => ({
  id, name: id, active: false, settings: {}, nodes,
  connections: { [nodes[0]!.name]: { main: [[{ node: nodes[1]!.name, type: "main", index: 0 }]] } },
});
const send = (profileId: string, text: string) => node("MultiWA", "n8n-nodes-multiwa.multiWa", { resource: "message", operation: "text", profileId, to: `+${PEER}`, text }, "mwAdmin");

beforeAll(async () => {
  if (n8n.skip) return;
  gateway = await gatewayWithProfile("sales", ME);
  const limited = await gateway.api("/api/keys", { method: "POST", json: { name: "no-hooks", workspaceId: "default", permissions: ["messages.send"] } });
  const limitedKey = ((await limited.json()) as { token: string }).token;
  home = mkdtempSync(join(tmpdir(), "multiwa-n8n-"));
  database = `mw_integrations_n8n_${randomBytes(4).toString("hex")}`;
  execFileSync("createdb", ["-h", "127.0.0.1", "-U", "postgres", database]);
  Object.assign(env, {
    N8N_USER_FOLDER: home, N8N_ENCRYPTION_KEY: "multiwa-test-encryption-key", DB_TYPE: "postgresdb", DB_POSTGRESDB_HOST: "127.0.0.1",
    DB_POSTGRESDB_PORT: "5432", DB_POSTGRESDB_USER: "postgres", DB_POSTGRESDB_DATABASE: database, N8N_DIAGNOSTICS_ENABLED: "false",
    N8N_VERSION_NOTIFICATIONS_ENABLED: "false", N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: "false", N8N_LISTEN_ADDRESS: "127.0.0.1",
  });
  const files = join(home, "import");
  mkdirSync(files);
  writeFileSync(join(files, "credentials.json"), JSON.stringify([
    { id: "mwAdmin", name: "mwAdmin", type: "multiWaApi", data: { baseUrl: `${gateway.url}/`, apiKey: gateway.key } },
    { id: "mwNoHooks", name: "mwNoHooks", type: "multiWaApi", data: { baseUrl: gateway.url, apiKey: limitedKey } },
  ]));
  writeFileSync(join(files, "workflows.json"), JSON.stringify([
    workflow("mwSendText", [node("Start", "n8n-nodes-base.manualTrigger", {}), send("sales", "hello from real n8n")]),
    workflow("mwBadProfile", [node("Start", "n8n-nodes-base.manualTrigger", {}), send("nope", "never sent")]),
  ]));
}, 600_000);

afterAll(async () => {
  await gateway?.stop("SIGKILL");
  if (database) execFileSync("dropdb", ["-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", database]);
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(n8n.skip)("n8n-nodes-multiwa on the real n8n 2.8.4", () => {
  // Regression: with the peer range `*`, npm installed the newest n8n-workflow, whose isolated-vm cannot build on Node 20.
  it("installs from its packed tarball with `npm install` in ~/.n8n/nodes, pulling an n8n-workflow that n8n 2.8 ships", async () => {
    execFileSync(join(PKG, "../../node_modules/.bin/tsup"), { cwd: PKG, stdio: "pipe" });
    execFileSync(process.execPath, ["scripts/copy-icons.mjs"], { cwd: PKG, stdio: "pipe" });
    const packed = execFileSync("npm", ["pack", "--pack-destination", home], { cwd: PKG, encoding: "utf8" }).trim().split("\n").at(-1)!;
    const nodes = join(home, ".n8n", "nodes");
    mkdirSync(nodes, { recursive: true });
    const started = Date.now();
    await run("npm", ["install", "--no-audit", "--no-fund", join(home, packed)], { cwd: nodes, timeout: 300_000 });
    console.log(`[n8n-host] npm install in ~/.n8n/nodes took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const installed = (name: string) => join(nodes, "node_modules", name, "package.json");
    expect(JSON.parse(readFileSync(installed("n8n-workflow"), "utf8")).version).toMatch(/^(1\.(8[3-9]|9\d|1\d\d)|2\.[0-8])\./);
    expect(existsSync(installed("isolated-vm")), "isolated-vm installed").toBe(false);
    expect(readdirSync(join(nodes, "node_modules", "n8n-nodes-multiwa", "dist", "nodes"))).toEqual(["MultiWa", "MultiWaTrigger"]);
  }, 300_000);

  it("imports credentials and workflows, and `n8n execute` sends through the gateway", async () => {
    const creds = await cli(["import:credentials", `--input=${join(home, "import/credentials.json")}`]);
    expect(creds.out).toContain("Successfully imported 2 credentials");
    const flows = await cli(["import:workflow", `--input=${join(home, "import/workflows.json")}`]);
    expect(flows.out).toContain("Successfully imported 2 workflows");
    const sent = await cli(["execute", "--id=mwSendText", "--rawOutput"]);
    expect(sent.code, sent.out).toBe(0);
    await expect.poll(async () => (await phoneInbox(gateway, PEER)).map((m) => m.content.text), { timeout: 20_000 }).toEqual(["hello from real n8n"]);
  }, 600_000);

  // Regression: n8n showed only "Request failed with status code 404".
  it("fails an execution with the gateway's message, code and field", async () => {
    const failed = await cli(["execute", "--id=mwBadProfile", "--rawOutput"]);
    expect(failed.code).not.toBe(0);
    expect(failed.out).toContain('Profile "nope" does not exist');
    expect(failed.out).toContain('"name": "NodeApiError"');
    expect(failed.out).toContain("MultiWA answered 404 PROFILE_NOT_FOUND, field `id`");
    expect(failed.out).not.toContain("Request failed with status code");
  }, 300_000);
});
