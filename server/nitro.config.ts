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
  },
  // Engines are optional and heavy; they are loaded at run time when installed.
  externals: { external: ["@multiwa/engine-baileys", "@multiwa/engine-wwebjs", "@whiskeysockets/baileys", "whatsapp-web.js", "puppeteer-core"] },
  experimental: { websocket: true },
  errorHandler: "./lib/error-handler.ts",
  publicAssets: [{ dir: "../dashboard/.output/public", baseURL: "/", maxAge: 3600 }],
  typescript: { strict: true },
});
