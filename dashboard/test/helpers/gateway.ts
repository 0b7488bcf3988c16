import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DASHBOARD_DIR = fileURLToPath(new URL("../..", import.meta.url));
const SERVER_DIR = join(DASHBOARD_DIR, "../server");
const PUBLIC_INDEX = join(DASHBOARD_DIR, ".output/public/index.html");
const GATEWAY_DIR = join(DASHBOARD_DIR, ".tmp/gateway");
const GATEWAY_ENTRY = join(GATEWAY_DIR, "server/index.mjs");

const DASHBOARD_SOURCES = ["app", "shared", "public", "nuxt.config.ts", "package.json"].map((p) => join(DASHBOARD_DIR, p));
const SERVER_SOURCES = ["lib", "routes", "plugins", "middleware", "nitro.config.ts", "package.json", "../packages/core/src"].map((p) => join(SERVER_DIR, p));

export const ADMIN_KEY = "test-admin-key-0123456789";

/**
 * Builds what is stale, under a lock (test files run in parallel): the dashboard (`nuxt generate`),
 * then a gateway build of its own that embeds it (scripts/build-gateway.mjs). Returns build seconds.
 */
export async function ensureBuilt(): Promise<{ dashboard?: number; gateway?: number }> {
  const took: { dashboard?: number; gateway?: number } = {};
  await withLock(join(tmpdir(), "multiwa-dashboard-build.lock"), () => {
    if (!existsSync(PUBLIC_INDEX) || newest(DASHBOARD_SOURCES) > statSync(PUBLIC_INDEX).mtimeMs) {
      took.dashboard = timed(() => execFileSync(process.execPath, [join(DASHBOARD_DIR, "node_modules/nuxt/bin/nuxt.mjs"), "generate"], { cwd: DASHBOARD_DIR, stdio: "pipe", timeout: 300_000 }));
    }
    if (!existsSync(GATEWAY_ENTRY) || Math.max(newest(SERVER_SOURCES), statSync(PUBLIC_INDEX).mtimeMs) > statSync(GATEWAY_ENTRY).mtimeMs) {
      took.gateway = timed(() => execFileSync(process.execPath, [join(DASHBOARD_DIR, "scripts/build-gateway.mjs"), GATEWAY_DIR], { cwd: SERVER_DIR, stdio: "pipe", timeout: 300_000 }));
    }
  });
  return took;
}

export interface Gateway {
  url: string;
  key: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  api<T = unknown>(path: string, init?: { method?: string; json?: unknown }): Promise<T>;
}

/** Starts the gateway build on a free port with the mock engine and a fresh data folder. */
export async function startGateway(env: Record<string, string> = {}): Promise<Gateway> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "multiwa-dashboard-"));
  const child = spawn(process.execPath, [GATEWAY_ENTRY], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", MULTIWA_STORAGE: `fs:${dataDir}`, MULTIWA_API_KEY: ADMIN_KEY, MULTIWA_ENGINES: "mock", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${out}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`gateway did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    key: ADMIN_KEY,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
    async api(path, init = {}) {
      const res = await fetch(`${url}${path}`, {
        method: init.method ?? (init.json === undefined ? "GET" : "POST"),
        headers: { "x-api-key": ADMIN_KEY, ...(init.json === undefined ? {} : { "content-type": "application/json" }) },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path} → ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as never;
    },
  };
}

// --- Internal helpers ---

async function withLock(lock: string, run: () => void): Promise<void> {
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      // A lock older than 6 minutes belongs to a dead build.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 360_000) unlinkSync(lock);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    run();
  } finally {
    unlinkSync(lock);
  }
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return Math.round((performance.now() - started) / 100) / 10;
}

function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(path).map((f) => join(path, f))));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
