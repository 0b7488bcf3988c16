import { defineConfig } from "tsup";

export default defineConfig({
  // `permissions`, `privacy` and `templates/render` need nothing heavy, so browsers (the dashboard) can import them.
  entry: [
    "src/index.ts",
    "src/testing/index.ts",
    "src/engines/mock.ts",
    "src/tenancy/permissions.ts",
    "src/engine/directory.ts",
    "src/templates/render.ts",
  ],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
  external: ["vitest"],
});
