import { execFileSync } from "node:child_process";
import { closeSync, existsSync, openSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GATEWAY_SOURCES, newest, startBuiltServer, type RunningServer } from "../../../server/test/helpers/server.js";

const DASHBOARD_DIR = fileURLToPath(new URL("../..", import.meta.url));
const SERVER_DIR = join(DASHBOARD_DIR, "../server");
const PUBLIC_INDEX = join(DASHBOARD_DIR, ".output/public/index.html");
const GATEWAY_DIR = join(DASHBOARD_DIR, ".tmp/gateway");
const GATEWAY_ENTRY = join(GATEWAY_DIR, "server/index.mjs");

// One lock per checkout: builds write inside it, so another worktree's build need not wait for this one's
// (a machine-wide lock made one engineer's browser tests sit out another's `nuxt generate`).
const BUILD_LOCK = join(tmpdir(), `multiwa-dashboard-build-${DASHBOARD_DIR.replace(/\W+/g, "_")}.lock`);

const DASHBOARD_SOURCES = ["app", "i18n", "shared", "public", "nuxt.config.ts", "page-routes.mjs", "package.json"].map(
  (p) => join(DASHBOARD_DIR, p),
);

/**
 * Builds what is stale, under a lock (test files run in parallel): the dashboard (`nuxt generate`),
 * then a gateway build of its own that embeds it (server/scripts/build-to.mjs), so server tests
 * rebuilding server/.output never pull it from under a running browser test. Returns build seconds.
 */
export async function ensureBuilt(): Promise<{ dashboard?: number; gateway?: number }> {
  const took: { dashboard?: number; gateway?: number } = {};
  await withLock(BUILD_LOCK, () => {
    if (!existsSync(PUBLIC_INDEX) || newest(DASHBOARD_SOURCES) > statSync(PUBLIC_INDEX).mtimeMs) {
      took.dashboard = timed(() =>
        execFileSync(process.execPath, [join(DASHBOARD_DIR, "node_modules/nuxt/bin/nuxt.mjs"), "generate"], {
          cwd: DASHBOARD_DIR,
          stdio: "pipe",
          timeout: 300_000,
        }),
      );
    }
    if (
      !existsSync(GATEWAY_ENTRY) ||
      Math.max(newest(GATEWAY_SOURCES), statSync(PUBLIC_INDEX).mtimeMs) > statSync(GATEWAY_ENTRY).mtimeMs
    ) {
      took.gateway = timed(() =>
        execFileSync(process.execPath, [join(SERVER_DIR, "scripts/build-to.mjs"), GATEWAY_DIR], {
          cwd: SERVER_DIR,
          stdio: "pipe",
          timeout: 300_000,
        }),
      );
    }
  });
  return took;
}

/**
 * Runs `read` over Nuxt's generated types (`.nuxt/`), which knip reads to see which components and
 * composables the app auto-imports: made first if missing, all under the build lock, since a build
 * (`nuxt generate` in a browser test running beside it) clears and rewrites the same folder.
 */
export async function withPrepared<T>(read: () => Promise<T>): Promise<T> {
  return withLock(BUILD_LOCK, () => {
    if (!existsSync(join(DASHBOARD_DIR, ".nuxt/tsconfig.json")))
      execFileSync(process.execPath, [join(DASHBOARD_DIR, "node_modules/nuxt/bin/nuxt.mjs"), "prepare"], {
        cwd: DASHBOARD_DIR,
        stdio: "pipe",
        timeout: 180_000,
      });
    return read();
  });
}

/** The running gateway; `api` answers parsed JSON and throws on an error status, `fetch` is the raw call. */
export interface Gateway extends Omit<RunningServer, "api"> {
  fetch: RunningServer["api"];
  api<T = unknown>(path: string, init?: { method?: string; json?: unknown }): Promise<T>;
}

/** Starts the dashboard's gateway build on a free port with a fresh data folder (mock engine unless `env` says otherwise). */
export async function startGateway(env: Record<string, string> = {}): Promise<Gateway> {
  const server = await startBuiltServer(GATEWAY_ENTRY, env);
  return {
    ...server,
    fetch: server.api,
    async api(path, init = {}) {
      const method = init.method ?? (init.json === undefined ? "GET" : "POST");
      const res = await server.api(path, { method, ...(init.json === undefined ? {} : { json: init.json }) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as never;
    },
  };
}

// --- Internal helpers ---

async function withLock<T>(lock: string, run: () => T | Promise<T>): Promise<T> {
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
    return await run();
  } finally {
    unlinkSync(lock);
  }
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return Math.round((performance.now() - started) / 100) / 10;
}
