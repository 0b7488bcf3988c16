import { fileURLToPath } from "node:url";
import { defineNitroConfig } from "nitropack/config";

const workspace = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export default defineNitroConfig({
  compatibilityDate: "2026-11-01",
  preset: "node-server",
  srcDir: ".",
  imports: false,
  // Workspace libraries are compiled from source, so `pnpm start` needs no separate library build.
  alias: {
    "@multiwa/core/engines/mock": workspace("packages/core/src/engines/mock.ts"),
    "@multiwa/core": workspace("packages/core/src/index.ts"),
    "@multiwa/engine-baileys": workspace("packages/engine-baileys/src/index.ts"),
    "@multiwa/engine-wwebjs": workspace("packages/engine-wwebjs/src/index.ts"),
    "@multiwa/engine-cloud-api": workspace("packages/engine-cloud-api/src/index.ts"),
    "@multiwa/sdk": workspace("packages/sdk/src/index.ts"),
    "@multiwa/mcp": workspace("packages/mcp/src/index.ts"),
    // Demo mode (MULTIWA_DEMO=1) runs the WhatsApp Web simulator in process.
    "@multiwa/simulator": workspace("packages/simulator/src/index.ts"),
  },
  // The engines' heavy libraries stay plain dependencies, loaded at run time only when that engine is used.
  // PGlite loads its WASM and data files next to its own module, so it must not be bundled.
  externals: { external: ["@whiskeysockets/baileys", "whatsapp-web.js", "puppeteer-core", "libsignal", "@electric-sql/pglite"] },
  experimental: { websocket: true },
  errorHandler: "./lib/error-handler.ts",
  // Hashed bundles are immutable; the HTML shell must be revalidated so upgrades show at once.
  publicAssets: [
    { dir: "../dashboard/.output/public/_nuxt", baseURL: "/_nuxt", maxAge: 31_536_000 },
    { dir: "../dashboard/.output/public", baseURL: "/", maxAge: 0 },
  ],
  typescript: { strict: true },
});
