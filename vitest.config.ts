import { defineConfig } from "vitest/config";

// One runner for the whole workspace; each package keeps its tests in test/ mirroring src/.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "server/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    retry: process.env.CI ? 1 : 0,
    pool: "forks",
  },
});
