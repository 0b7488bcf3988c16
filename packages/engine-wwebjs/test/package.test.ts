import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";

const src = new URL("../src/", import.meta.url);
const files = readdirSync(src)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => ({ name: f, text: readFileSync(new URL(f, src), "utf8") }));
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
};

describe("@multiwa/engine-wwebjs package", () => {
  it("declares every package its sources import", () => {
    const imported = new Set<string>();
    for (const { text } of files) {
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*"([^".][^"]*)"/g)) {
        const name = spec!.startsWith("@") ? spec!.split("/").slice(0, 2).join("/") : spec!.split("/")[0]!;
        if (!name.startsWith("node:") && !builtinModules.includes(name)) imported.add(name);
      }
    }
    for (const name of imported)
      expect(pkg.dependencies, `${name} is imported but not a dependency`).toHaveProperty([name]);
  });

  it("loads whatsapp-web.js (and Puppeteer) only when a session connects", () => {
    for (const { name, text } of files) {
      const eager = [...text.matchAll(/^import (?!type )[^;]*from "whatsapp-web\.js"/gm)];
      expect(eager, `${name} imports whatsapp-web.js eagerly`).toEqual([]);
    }
    expect(files.some((f) => f.text.includes('import("whatsapp-web.js")'))).toBe(true);
  });

  it("pins whatsapp-web.js 1.34 and the puppeteer-core it was built against", () => {
    expect(pkg.dependencies["whatsapp-web.js"]).toMatch(/^1\.34\.\d+$/);
    const wwebjs = JSON.parse(
      readFileSync(new URL("../node_modules/whatsapp-web.js/package.json", import.meta.url), "utf8"),
    ) as { dependencies: Record<string, string> };
    expect(pkg.dependencies["puppeteer-core"]).toBe(wwebjs.dependencies.puppeteer);
  });
});
