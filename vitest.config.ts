import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";
import { LongestFirstSequencer } from "./test/support/sequencer.js";
import { unavailableServiceSuites } from "./test/support/services.js";

// Workspace packages resolve to their sources through the "dev-source" export condition (their package.json
// maps it to src/), so tests never depend on a stale build. Test files run in Vite's server environment; the
// processes they start (tsx scripts, examples, CLIs) get the same condition through NODE_OPTIONS.
const DEV_SOURCE = "--conditions=dev-source";
// Vite's own server conditions (`defaultServerConditions`, not re-exported by vitest) after ours, less "module":
// vitest also hands these to Node as `--conditions` for the modules it leaves to Node, and "module" is a
// bundlers' condition. With it, prom-client's require of @opentelemetry/api loaded the ESM build meant for
// bundlers (imports without file extensions) and the files importing the metrics registry failed to load.
const SERVER_CONDITIONS = ["dev-source", "node", "development|production"];

// One runner for the whole workspace; each package keeps its tests in test/ mirroring src/.
const INCLUDE = [
  "packages/*/test/**/*.test.ts",
  "server/test/**/*.test.ts",
  "dashboard/test/**/*.test.ts",
  "examples/*/test/**/*.test.ts",
  "wordpress-plugin/tests/**/*.test.ts",
  "test/**/*.test.ts",
];

export default defineConfig(async () => ({
  ssr: { resolve: { conditions: SERVER_CONDITIONS } },
  test: {
    include: INCLUDE,
    // Redis/PostgreSQL suites skip with a message when the service is down, outside CI only.
    exclude: [...configDefaults.exclude, ...(await unavailableServiceSuites(INCLUDE))],
    env: { NODE_OPTIONS: [process.env.NODE_OPTIONS, DEV_SOURCE].filter(Boolean).join(" ") },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    retry: process.env.CI ? 1 : 0,
    pool: "forks",
    // Vitest's default is one worker less than the cores: a single worker on the 2-core CI machine, which
    // left the suite serial (1752 s). Most of a file's time is spent waiting on the processes it drives
    // (gateway, simulator, Chromium), so two files at once fit on 2 cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Longest files first (recorded in test/support/test-durations.json), so the workers finish together.
    sequence: { sequencer: LongestFirstSequencer },
  },
}));
