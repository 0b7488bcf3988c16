import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
  // Loaded lazily on first connect, and never bundled.
  external: ["whatsapp-web.js", "puppeteer-core", "@multiwa/core"],
});
