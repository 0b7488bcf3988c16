import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciTool } from "../../../server/test/helpers/ci-tools.js";
import { withFileLock } from "../../../test/support/file-lock.js";
import {
  gatewayWithProfile,
  phoneInbox,
  until,
  type RunningServer,
} from "../../../server/test/helpers/mock-gateway.js";
import { freePort } from "../../../server/test/helpers/server.js";

// The package on the real n8n 2.8.4 (installed by .ci/ensure-n8n.sh outside the repository), installed the
// way n8n's docs describe a manual install (`npm install <package>` in ~/.n8n/nodes), against a gateway on
// the mock engine: `n8n import:credentials`, `import:workflow`, `execute`, and the trigger under a running
// `n8n start` (it subscribes on activation, the gateway's signed delivery starts an execution).
const PKG = fileURLToPath(new URL("..", import.meta.url));
const n8n = ciTool("n8n-2.8.4", "node_modules/n8n/bin/n8n", "ensure-n8n.sh");
const run = promisify(execFile);
const [ME, PEER] = ["628111000911", "628222000922"];
let gateway: RunningServer;
let home: string;
let database: string;
let running: ChildProcess | undefined;
const env: Record<string, string> = {};
// n8n as a user starts it: not vitest's environment (NODE_ENV=test and VITEST* make n8n's logger silent).
const hostEnv = () => ({ PATH: process.env.PATH!, HOME: process.env.HOME!, ...env });

/** One n8n CLI command with this test's user folder and database; resolves with its output, exit code included. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const brokerPort = String(await freePort());
  const started = Date.now();
  let result: { code: number; out: string };
  try {
    const { stdout, stderr } = await run(process.execPath, [n8n.path!, ...args], {
      env: { ...hostEnv(), N8N_RUNNERS_BROKER_PORT: brokerPort },
      timeout: 240_000,
      maxBuffer: 64 << 20,
    });
    result = { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    result = { code: typeof e.code === "number" ? e.code : 1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
  console.log(`[n8n-host] n8n ${args[0]} exited ${result.code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const node = (
  name: string,
  type: string,
  parameters: Record<string, unknown>,
  credential?: string,
  extra: Record<string, unknown> = {},
) => ({
  id: name,
  name,
  type,
  typeVersion: 1,
  position: [0, 0],
  parameters,
  ...(credential ? { credentials: { multiWaApi: { id: credential, name: credential } } } : {}),
  ...extra,
});
const workflow = (id: string, nodes: ReturnType<typeof node>[]) => ({
  id,
  name: id,
  active: false,
  settings: {},
  nodes,
  connections: { [nodes[0]!.name]: { main: [[{ node: nodes[1]!.name, type: "main", index: 0 }]] } },
});
/** A webhook node's path comes from its webhookId (n8n gives each trigger one in the editor). */
const TRIGGER_HOOK = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
const trigger = node(
  "On message",
  "n8n-nodes-multiwa.multiWaTrigger",
  { events: ["message.received"], profileId: "sales" },
  "mwAdmin",
  { webhookId: TRIGGER_HOOK },
);
const send = (profileId: string, text: string) =>
  node(
    "MultiWA",
    "n8n-nodes-multiwa.multiWa",
    { resource: "message", operation: "text", profileId, to: `+${PEER}`, text },
    "mwAdmin",
  );

beforeAll(async () => {
  if (n8n.skip) return;
  gateway = await gatewayWithProfile("sales", ME);
  const limited = await gateway.api("/api/keys", {
    method: "POST",
    json: { name: "no-hooks", workspaceId: "default", permissions: ["messages.send"] },
  });
  const limitedKey = ((await limited.json()) as { token: string }).token;
  home = mkdtempSync(join(tmpdir(), "multiwa-n8n-"));
  database = `mw_integrations_n8n_${randomBytes(4).toString("hex")}`;
  execFileSync("createdb", ["-h", "127.0.0.1", "-U", "postgres", database]);
  Object.assign(env, {
    N8N_USER_FOLDER: home,
    N8N_ENCRYPTION_KEY: "multiwa-test-encryption-key",
    DB_TYPE: "postgresdb",
    DB_POSTGRESDB_HOST: "127.0.0.1",
    DB_POSTGRESDB_PORT: "5432",
    DB_POSTGRESDB_USER: "postgres",
    DB_POSTGRESDB_DATABASE: database,
    N8N_DIAGNOSTICS_ENABLED: "false",
    N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: "false",
    N8N_LISTEN_ADDRESS: "127.0.0.1",
  });
  const files = join(home, "import");
  mkdirSync(files);
  writeFileSync(
    join(files, "credentials.json"),
    JSON.stringify([
      { id: "mwAdmin", name: "mwAdmin", type: "multiWaApi", data: { baseUrl: `${gateway.url}/`, apiKey: gateway.key } },
      { id: "mwNoHooks", name: "mwNoHooks", type: "multiWaApi", data: { baseUrl: gateway.url, apiKey: limitedKey } },
    ]),
  );
  writeFileSync(
    join(files, "workflows.json"),
    JSON.stringify([
      workflow("mwSendText", [node("Start", "n8n-nodes-base.manualTrigger", {}), send("sales", "hello from real n8n")]),
      workflow("mwBadProfile", [node("Start", "n8n-nodes-base.manualTrigger", {}), send("nope", "never sent")]),
      workflow("mwOnMessage", [trigger, node("Received", "n8n-nodes-base.noOp", {})]),
    ]),
  );
}, 600_000);

afterAll(async () => {
  running?.kill("SIGKILL");
  await gateway?.stop("SIGKILL");
  if (database) execFileSync("dropdb", ["-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", database]);
  if (home) rmSync(home, { recursive: true, force: true });
});

describe.skipIf(n8n.skip)("n8n-nodes-multiwa on the real n8n 2.8.4", () => {
  // Regression: with the peer range `*`, npm installed the newest n8n-workflow, whose isolated-vm cannot build on Node 20.
  it("installs from its packed tarball with `npm install` in ~/.n8n/nodes, pulling an n8n-workflow that n8n 2.8 ships", async () => {
    // Built and packed under the lock the other builds of dist/ take (a build empties it first).
    const packed = await withFileLock("n8n-nodes-build", () => {
      execFileSync(join(PKG, "../../node_modules/.bin/tsup"), { cwd: PKG, stdio: "pipe" });
      execFileSync(process.execPath, ["scripts/copy-icons.mjs"], { cwd: PKG, stdio: "pipe" });
      return execFileSync("npm", ["pack", "--pack-destination", home], { cwd: PKG, encoding: "utf8" })
        .trim()
        .split("\n")
        .at(-1)!;
    });
    const nodes = join(home, ".n8n", "nodes");
    mkdirSync(nodes, { recursive: true });
    const started = Date.now();
    await run("npm", ["install", "--no-audit", "--no-fund", join(home, packed)], { cwd: nodes, timeout: 300_000 });
    console.log(`[n8n-host] npm install in ~/.n8n/nodes took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const installed = (name: string) => join(nodes, "node_modules", name, "package.json");
    expect(JSON.parse(readFileSync(installed("n8n-workflow"), "utf8")).version).toMatch(
      /^(1\.(8[3-9]|9\d|1\d\d)|2\.[0-8])\./,
    );
    expect(existsSync(installed("isolated-vm")), "isolated-vm installed").toBe(false);
    expect(readdirSync(join(nodes, "node_modules", "n8n-nodes-multiwa", "dist", "nodes"))).toEqual([
      "MultiWa",
      "MultiWaTrigger",
    ]);
  }, 300_000);

  it("imports credentials and workflows, and `n8n execute` sends through the gateway", async () => {
    const creds = await cli(["import:credentials", `--input=${join(home, "import/credentials.json")}`]);
    expect(creds.out).toContain("Successfully imported 2 credentials");
    const flows = await cli(["import:workflow", `--input=${join(home, "import/workflows.json")}`]);
    expect(flows.out).toContain("Successfully imported 3 workflows");
    const sent = await cli(["execute", "--id=mwSendText", "--rawOutput"]);
    expect(sent.code, sent.out).toBe(0);
    await expect
      .poll(async () => (await phoneInbox(gateway, PEER)).map((m) => m.content.text), { timeout: 20_000 })
      .toEqual(["hello from real n8n"]);
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

  // #24: the trigger was tested on a fake context only. Under a running n8n it must subscribe on
  // activation, and the gateway's signed delivery must start an execution carrying the event.
  it("subscribes the MultiWA Trigger when `n8n start` activates it, and runs the workflow on a gateway event", async () => {
    // n8n 2 activates a workflow by publishing its current version (`update:workflow --active` is gone).
    const published = await cli(["publish:workflow", "--id=mwOnMessage"]);
    expect(published.out).toContain("Publishing workflow with ID: mwOnMessage");
    expect(published.out).not.toContain("GOT ERROR");
    const port = Number(process.env.MULTIWA_N8N_PORT) || (await freePort());
    const base = `http://127.0.0.1:${port}/`;
    let log = "";
    running = spawn(process.execPath, [n8n.path!, "start"], {
      env: {
        ...hostEnv(),
        N8N_PORT: String(port),
        WEBHOOK_URL: base,
        N8N_RUNNERS_BROKER_PORT: String(await freePort()),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.stdout!.on("data", (d) => (log += d));
    running.stderr!.on("data", (d) => (log += d));
    const started = Date.now();
    // Activation subscribes: the gateway gets a webhook pointing at n8n's production webhook URL.
    const hookUrl = `${base}webhook/${TRIGGER_HOOK}/webhook`;
    const hooks = async () =>
      (await (await gateway.api("/api/webhooks")).json()) as {
        id: string;
        url: string;
        events: string[];
        profileId?: string;
      }[];
    const withLog = (what: string) => (error: Error) => {
      throw new Error(`${what} (${error.message}); n8n's log:\n${log.slice(-4000)}`);
    };
    const subscribed = await until(async () => (await hooks()).find((h) => h.url === hookUrl), 240_000).catch(
      withLog("no subscription from n8n"),
    );
    expect(subscribed).toMatchObject({ events: ["message.received"], profileId: "sales" });
    console.log(`[n8n-host] n8n start subscribed the trigger after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The peer's simulated phone writes to the profile: message.received goes to n8n, signed.
    const sent = await gateway.api(`/api/mock/phones/${PEER}/messages`, {
      method: "POST",
      json: { to: ME, text: "hello n8n trigger" },
    });
    expect(sent.status, await sent.clone().text()).toBeLessThan(300);
    const executions = () =>
      execFileSync(
        "psql",
        [
          "-h",
          "127.0.0.1",
          "-U",
          "postgres",
          "-d",
          database,
          "-At",
          "-F",
          "\t",
          "-c",
          `select e.status, d.data from execution_entity e join execution_data d on d."executionId" = e.id where e."workflowId" = 'mwOnMessage'`,
        ],
        { encoding: "utf8" },
      ).trim();
    await until(async () => executions().startsWith("success\t"), 60_000).catch(
      withLog(`no successful execution: ${executions().slice(0, 200)}`),
    );
    const data = executions();
    expect(data.split("\n")).toHaveLength(1);
    // The execution's data holds the delivery as the trigger emitted it: the event, the profile, the text.
    for (const fact of ["message.received", "hello n8n trigger", `${PEER}@s.whatsapp.net`, "deliveryId"])
      expect(data, fact).toContain(fact);
    const hook = (await hooks()).find((h) => h.url === hookUrl)!;
    // n8n answered the signed delivery with a 2xx: the gateway counts it delivered, nothing pending or dead.
    const deliveries = (await (await gateway.api(`/api/webhooks/${hook.id}/deliveries`)).json()) as Record<
      "pending" | "delivered" | "dead",
      { event: string }[]
    >;
    expect({
      delivered: deliveries.delivered.map((d) => d.event),
      pending: deliveries.pending.length,
      dead: deliveries.dead.length,
    }).toEqual({ delivered: ["message.received"], pending: 0, dead: 0 });
  }, 420_000);
});
