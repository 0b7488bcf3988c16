import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, statSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

const SERVER_DIR = fileURLToPath(new URL("../..", import.meta.url));
// MULTIWA_TEST_BUILD_DIR gives one engineer's test runs their own build while others edit the same checkout.
// A bare name (`MULTIWA_TEST_BUILD_DIR=alice`) is a folder under server/.tmp/builds: resolved against the
// repository root for the entry but against server/ for the build, a relative one never started.
const BUILD_DIR =
  process.env.MULTIWA_TEST_BUILD_DIR &&
  (isAbsolute(process.env.MULTIWA_TEST_BUILD_DIR)
    ? process.env.MULTIWA_TEST_BUILD_DIR
    : join(SERVER_DIR, ".tmp/builds", process.env.MULTIWA_TEST_BUILD_DIR));
const ENTRY = join(BUILD_DIR ?? join(SERVER_DIR, ".output"), "server/index.mjs");
// Everything the gateway bundle compiles from source (nitro.config.ts: the "dev-source" export condition).
export const GATEWAY_SOURCES = [
  "lib",
  "routes",
  "plugins",
  "middleware",
  "nitro.config.ts",
  "package.json",
  ...["core", "engine-baileys", "engine-wwebjs", "engine-cloud-api", "sdk", "mcp", "simulator"].map(
    (p) => `../packages/${p}/src`,
  ),
].map((p) => join(SERVER_DIR, p));

/** Builds the server once per change (test files run in parallel, so under a lock file). */
export async function ensureBuilt(): Promise<void> {
  const lock = join(tmpdir(), `multiwa-server-build${BUILD_DIR ? `-${BUILD_DIR.replace(/\W+/g, "_")}` : ""}.lock`);
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      // A lock older than 3 minutes belongs to a dead build.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) unlinkSync(lock);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!existsSync(ENTRY) || newest(GATEWAY_SOURCES) > statSync(ENTRY).mtimeMs) {
      const args = BUILD_DIR
        ? [join(SERVER_DIR, "scripts/build-to.mjs"), BUILD_DIR]
        : [join(SERVER_DIR, "node_modules/nitropack/dist/cli/index.mjs"), "build"];
      execFileSync(process.execPath, args, { cwd: SERVER_DIR, stdio: "pipe" });
    }
  } finally {
    unlinkSync(lock);
  }
}

export interface RunningServer {
  url: string;
  key: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  api(path: string, init?: RequestInit & { json?: unknown; key?: string | null }): Promise<Response>;
}

/** `server.api` answered as `{ status, body }`, the body parsed when there is one (the e2e suites' `call`). */
export async function callJson(
  server: RunningServer,
  path: string,
  init: { method?: string; json?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await server.api(path, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Starts the built gateway on a free port with its own data folder. */
export async function startServer(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), "multiwa-server-")),
): Promise<RunningServer> {
  await ensureBuilt();
  return startBuiltServer(ENTRY, env, dataDir);
}

/** Starts a gateway build at `entry` (the dashboard's tests run their own build that embeds the dashboard). */
export async function startBuiltServer(
  entry: string,
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), "multiwa-server-")),
): Promise<RunningServer> {
  const port = await freePort();
  const key = "test-admin-key-0123456789";
  // Benches profile the gateway with `--cpu-prof` (NODE_OPTIONS refuses it): node flags as MULTIWA_TEST_NODE_ARGS.
  const nodeArgs = (env.MULTIWA_TEST_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      MULTIWA_STORAGE: `fs:${dataDir}`,
      MULTIWA_API_KEY: key,
      MULTIWA_ENGINES: "mock",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  // The first start of a data folder opens its embedded database too (WASM Postgres: slow on a busy machine).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    // Healthy is not yet ready: the admin key was seen answering 401 just after start (CI flake, trigger test).
    const keyed =
      healthy &&
      (await fetch(`${url}/api/auth/me`, { headers: { "x-api-key": key } }).then(
        (r) => r.status !== 401,
        () => false,
      ));
    if (keyed || (healthy && Date.now() > deadline)) break;
    if (Date.now() > deadline) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    key,
    dataDir,
    process: child,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await exited;
    },
    api(path, init = {}) {
      const { json, key: k, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (k !== null) headers.set("x-api-key", k ?? key);
      if (json !== undefined) headers.set("content-type", "application/json");
      return fetch(`${url}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
  };
}

/** Latest modification time of the files under `paths`. */
export function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(path).map((f) => join(path, f))));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}
