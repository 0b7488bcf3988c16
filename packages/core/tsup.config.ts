import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/testing/index.ts", "src/engines/mock.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
  external: ["vitest"],
});
