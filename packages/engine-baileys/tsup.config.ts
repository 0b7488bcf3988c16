import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
  // Baileys is imported lazily on first connect, and never bundled.
  external: ["@whiskeysockets/baileys", "@multiwa/core"],
});
