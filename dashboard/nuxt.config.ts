// The dashboard is a static single-page app: `nuxt generate` writes it to .output/public, which the
// gateway serves at `/` (server/nitro.config.ts → publicAssets). Every page is prerendered as the SPA
// shell so deep links such as /chats?profile=… load without a server-side fallback route.
import { fileURLToPath } from "node:url";

const gateway = process.env.MULTIWA_GATEWAY_URL ?? "http://127.0.0.1:3000";
const core = (path: string) => fileURLToPath(new URL(`../packages/core/src/${path}`, import.meta.url));

export default defineNuxtConfig({
  compatibilityDate: "2026-11-01",
  ssr: false,
  devtools: { enabled: false },
  telemetry: false,
  css: ["~/assets/css/main.css"],
  app: {
    head: {
      title: "MultiWA",
      htmlAttrs: { lang: "en" },
      meta: [
        { name: "viewport", content: "width=device-width, initial-scale=1" },
        { name: "color-scheme", content: "light dark" },
      ],
      link: [{ rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }],
    },
  },
  // The gateway's shapes are the core's: `import type` from "@multiwa/core" (erased at build). The
  // permission list and the template renderer come from their dependency-free modules (bundled), so
  // the dashboard never keeps a copy of them.
  alias: {
    "@multiwa/core/permissions": core("tenancy/permissions.ts"),
    "@multiwa/core/templates/render": core("templates/render.ts"),
    "@multiwa/core": core("index.ts"),
  },
  runtimeConfig: {
    public: {
      /** Base URL of the gateway API; empty means the origin that served the dashboard. */
      apiBase: "",
    },
  },
  nitro: {
    prerender: { crawlLinks: false, routes: ["/", "/login", "/profiles", "/chats", "/contacts", "/templates", "/broadcasts", "/rules", "/flows", "/flows/edit", "/analytics", "/audit", "/users", "/webhooks", "/keys", "/settings"] },
    // `nuxt dev` forwards API calls to a running gateway (see scripts/dev-mocked.mjs).
    devProxy: Object.fromEntries(["/api", "/health", "/openapi.json", "/docs"].map((p) => [p, { target: `${gateway}${p}`, changeOrigin: true, ws: p === "/api" }])),
  },
  vite: { build: { sourcemap: false } },
  typescript: { strict: true, typeCheck: false },
});
