import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Every page's URL, read from app/pages: each is prerendered as the SPA shell so a reload or a deep link
 * loads it. A hand-kept list drifted (a reload of /account and /demo/phone answered 404). Plain JS: the
 * Nuxt config and the tests both load it, and the tests cannot read the app's generated tsconfig.
 * @returns {string[]}
 */
export function pageRoutes() {
  const pages = fileURLToPath(new URL("./app/pages", import.meta.url));
  return readdirSync(pages, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".vue") && !file.includes("["))
    .map((file) => `/${file.replace(/\\/g, "/").replace(/\.vue$/, "")}`.replace(/\/?index$/, "") || "/")
    .sort();
}
