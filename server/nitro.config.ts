import { defineNitroConfig } from "nitropack/config";

export default defineNitroConfig({
  compatibilityDate: "2026-11-01",
  preset: "node-server",
  srcDir: ".",
  imports: false,
  // Workspace libraries are compiled from source (their package.json maps the "dev-source" condition to
  // src/), so `pnpm start` needs no separate library build. Demo mode runs the simulator in process.
  exportConditions: ["dev-source"],
  // The engines' heavy libraries stay plain dependencies, loaded at run time only when that engine is used.
  // PGlite loads its WASM and data files next to its own module, so it must not be bundled.
  externals: {
    external: [
      "@whiskeysockets/baileys",
      "whatsapp-web.js",
      "puppeteer-core",
      "libsignal",
      "@electric-sql/pglite",
      "pino",
      "pino-pretty",
    ],
  },
  experimental: { websocket: true },
  errorHandler: "./lib/error-handler.ts",
  // Hashed bundles are immutable; the HTML shell must be revalidated so upgrades show at once.
  publicAssets: [
    { dir: "../dashboard/.output/public/_nuxt", baseURL: "/_nuxt", maxAge: 31_536_000 },
    { dir: "../dashboard/.output/public", baseURL: "/", maxAge: 0 },
  ],
  typescript: { strict: true },
});
