import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeChatwoot } from "./helpers/fake-chatwoot.js";
import { gatewayWithProfile, type RunningServer } from "../../../server/test/helpers/mock-gateway.js";

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const ME = "628555111555";
const CUST = "628666111666";

let gateway: RunningServer;
let chatwoot: Awaited<ReturnType<typeof startFakeChatwoot>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  gateway = await gatewayWithProfile("helpdesk", ME);
  chatwoot = await startFakeChatwoot("cli-token");
}, 120_000);
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await chatwoot?.close();
  await gateway?.stop("SIGKILL");
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** `multiwa-chatwoot-bridge` as a user runs it, configured by environment variables. */
async function startCli(port: number, dataDir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", CLI], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      BRIDGE_PUBLIC_URL: `http://127.0.0.1:${port}`,
      BRIDGE_DATA_DIR: dataDir,
      BRIDGE_SECRET: "cli-shared-secret-0123",
      MULTIWA_URL: gateway.url,
      MULTIWA_API_KEY: gateway.key,
      MULTIWA_PROFILE: "helpdesk",
      CHATWOOT_URL: chatwoot.url,
      CHATWOOT_ACCOUNT_ID: "1",
      CHATWOOT_INBOX_ID: "3",
      CHATWOOT_API_TOKEN: "cli-token",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await expect.poll(() => output, { timeout: 40_000 }).toContain("gateway webhook");
  return { child, output: () => output };
}

describe("multiwa-chatwoot-bridge CLI", () => {
  it("subscribes itself, bridges a message, and keeps its subscription across a restart (file store)", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "chatwoot-bridge-cli-"));
    const first = await startCli(port, dataDir);
    const hooks = async () => (await (await gateway.api("/api/webhooks")).json()) as { id: string; url: string }[];
    expect((await hooks()).map((h) => h.url)).toEqual([`http://127.0.0.1:${port}/webhooks/gateway`]);

    await gateway.api(`/api/mock/phones/${CUST}/messages`, { method: "POST", json: { to: ME, text: "via the CLI" } });
    await expect.poll(() => chatwoot.messages.map((m) => m.content), { timeout: 30_000 }).toEqual(["via the CLI"]);

    const exited = new Promise((r) => first.child.once("exit", r));
    first.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    await startCli(port, dataDir);
    expect((await hooks()).length).toBe(1);
    expect(chatwoot.contacts).toHaveLength(1);
  }, 120_000);

  it("exits with a message naming a missing variable", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CLI], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise((r) => child.once("exit", r));
    expect(code).toBe(1);
    expect(err).toContain("Missing required environment variable `MULTIWA_URL`");
  });
});
