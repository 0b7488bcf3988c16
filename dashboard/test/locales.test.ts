import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Issue #24: English, Bahasa Indonesia and Brazilian Portuguese must carry the same keys, with the
// same placeholders, and every key the code names literally must exist.
const DASHBOARD = fileURLToPath(new URL("..", import.meta.url));
const LOCALES_DIR = join(DASHBOARD, "i18n/locales");
const CODES = ["en", "id", "pt-BR"];

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

function load(code: string): Map<string, string> {
  const files = readdirSync(join(LOCALES_DIR, code)).filter((f) => f.endsWith(".json")).sort();
  const all = new Map<string, string>();
  for (const file of files) {
    for (const [key, value] of flatten(JSON.parse(readFileSync(join(LOCALES_DIR, code, file), "utf8")) as Tree)) {
      if (all.has(key)) throw new Error(`${code}/${file}: key ${key} is defined twice`);
      all.set(key, value);
    }
  }
  return all;
}

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe("locale files", () => {
  const locales = Object.fromEntries(CODES.map((code) => [code, load(code)]));
  const en = locales.en!;

  it("have the same part files in every language", () => {
    const parts = (code: string) => readdirSync(join(LOCALES_DIR, code)).sort();
    for (const code of CODES) expect(parts(code), code).toEqual(parts("en"));
  });

  it.each(CODES.filter((c) => c !== "en"))("%s has exactly the English key set", (code) => {
    const keys = [...locales[code]!.keys()].sort();
    const missing = [...en.keys()].filter((k) => !locales[code]!.has(k));
    const extra = keys.filter((k) => !en.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(CODES.filter((c) => c !== "en"))("%s uses the same placeholders as English and leaves nothing empty", (code) => {
    const wrong: string[] = [];
    for (const [key, message] of locales[code]!) {
      if (!message.trim()) wrong.push(`${key}: empty`);
      const expected = (en.get(key) ?? "").split(" | ").flatMap(placeholders);
      const actual = message.split(" | ").flatMap(placeholders);
      if ([...new Set(actual)].sort().join() !== [...new Set(expected)].sort().join()) wrong.push(`${key}: {${actual}} vs English {${expected}}`);
    }
    expect(wrong).toEqual([]);
  });

  it("defines every key the code names literally", () => {
    const missing: string[] = [];
    const call = /(?<![\w.])\$?(?:t|tr|te|hasTranslation)\(\s*["'`]([\w.-]+)["'`]/g;
    const keypath = /keypath="([\w.-]+)"/g;
    for (const file of sourceFiles(join(DASHBOARD, "app"))) {
      const text = readFileSync(file, "utf8");
      for (const m of [...text.matchAll(call), ...text.matchAll(keypath)]) {
        const key = m[1]!;
        const isBranch = [...en.keys()].some((k) => k.startsWith(`${key}.`));
        if (!en.has(key) && !isBranch) missing.push(`${relative(DASHBOARD, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
