import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// One runner for the whole workspace; each package keeps its tests in test/ mirroring src/.
// Workspace packages resolve to their sources, so tests never depend on a stale build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@multiwa\/core\/testing$/, replacement: src("./packages/core/src/testing/index.ts") },
      { find: /^@multiwa\/core\/engines\/mock$/, replacement: src("./packages/core/src/engines/mock.ts") },
      { find: /^@multiwa\/core$/, replacement: src("./packages/core/src/index.ts") },
      { find: /^@multiwa\/sdk$/, replacement: src("./packages/sdk/src/index.ts") },
      { find: /^@multiwa\/mcp$/, replacement: src("./packages/mcp/src/index.ts") },
      { find: /^@multiwa\/engine-cloud-api$/, replacement: src("./packages/engine-cloud-api/src/index.ts") },
      { find: /^@multiwa\/simulator$/, replacement: src("./packages/simulator/src/index.ts") },
    ],
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "server/test/**/*.test.ts", "dashboard/test/**/*.test.ts", "examples/*/test/**/*.test.ts", "wordpress-plugin/tests/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    retry: process.env.CI ? 1 : 0,
    pool: "forks",
  },
});
