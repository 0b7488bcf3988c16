// The dashboard is a static single-page app: `nuxt generate` writes it to .output/public, which the
// gateway serves at `/` (server/nitro.config.ts → publicAssets). Every page is prerendered as the SPA
// shell so deep links such as /chats?profile=… load without a server-side fallback route.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pageRoutes } from "./page-routes.mjs";

const gateway = process.env.MULTIWA_GATEWAY_URL ?? "http://127.0.0.1:3000";
// One file per part of the app and language (i18n/locales/<code>/<part>.json), merged at load time;
// English lists the parts (a unit test keeps the other languages' keys identical).
const I18N_PARTS = readdirSync(fileURLToPath(new URL("./i18n/locales/en", import.meta.url)))
  .filter((f) => f.endsWith(".json"))
  .sort();
const i18nFiles = (code: string) => I18N_PARTS.map((part) => `${code}/${part}`);
const DEV_SOURCE_TSCONFIG = { compilerOptions: { customConditions: ["dev-source"] } };

export default defineNuxtConfig({
  compatibilityDate: "2026-11-01",
  ssr: false,
  devtools: { enabled: false },
  telemetry: false,
  css: ["~/assets/css/main.css"],
  modules: ["@nuxtjs/i18n"],
  // English, Bahasa Indonesia and Brazilian Portuguese, lazily loaded JSON files in i18n/locales.
  // Routes carry no locale prefix (a static SPA has no server to redirect): the chosen language is the
  // user's (plugins/locale.ts), the module's own cookie detection is off.
  i18n: {
    strategy: "no_prefix",
    defaultLocale: "en",
    locales: [
      { code: "en", language: "en-US", name: "English", files: i18nFiles("en") },
      { code: "id", language: "id-ID", name: "Bahasa Indonesia", files: i18nFiles("id") },
      { code: "pt-BR", language: "pt-BR", name: "Português (Brasil)", files: i18nFiles("pt-BR") },
    ],
    detectBrowserLanguage: false,
    vueI18n: "./i18n.config.ts",
  },
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
  // permission list and the template renderer are core's dependency-free subpaths (bundled), so the
  // dashboard never keeps a copy of them. Workspace packages resolve to their sources through the
  // "dev-source" export condition, in Vite and in the generated tsconfigs alike.
  runtimeConfig: {
    public: {
      /** Base URL of the gateway API; empty means the origin that served the dashboard. */
      apiBase: "",
    },
  },
  nitro: {
    prerender: {
      crawlLinks: false,
      routes: pageRoutes(),
    },
    // `nuxt dev` forwards API calls to a running gateway (see scripts/dev-mocked.mjs).
    devProxy: Object.fromEntries(
      ["/api", "/health", "/openapi.json", "/docs"].map((p) => [
        p,
        { target: `${gateway}${p}`, changeOrigin: true, ws: p === "/api" },
      ]),
    ),
  },
  vite: {
    resolve: { conditions: ["dev-source", "module", "browser", "development|production"] },
    build: { sourcemap: false },
  },
  typescript: { strict: true, typeCheck: false, tsConfig: DEV_SOURCE_TSCONFIG, sharedTsConfig: DEV_SOURCE_TSCONFIG },
});
