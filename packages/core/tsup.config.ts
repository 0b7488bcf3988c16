import { defineConfig } from "tsup";

export default defineConfig({
  // `permissions` has no dependencies, so browsers (the dashboard) can import it.
  entry: ["src/index.ts", "src/testing/index.ts", "src/engines/mock.ts", "src/tenancy/permissions.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
  external: ["vitest"],
});
