import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/webhooks.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
});
