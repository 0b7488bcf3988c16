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
  const files = readdirSync(join(LOCALES_DIR, code))
    .filter((f) => f.endsWith(".json"))
    .sort();
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
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(vue|ts)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// Words a template may show as they are in every language: product and format names, and the
// placeholders that are examples of what to type (URLs, ids, CSV, cron, regex), not prose.
const UNTRANSLATED = new Set([
  "&nbsp;",
  "HTTP",
  "OpenAPI",
  "OpenAPI 3.1",
  "/docs",
  'aria-label="URL"',
  'placeholder="phone,name,tags,city&#10;+4915112345678,Ana,customer;berlin,Berlin"',
  'placeholder="import-2026-11"',
  'placeholder="reply,  , field.x"',
  'placeholder="https://…"',
  'placeholder="https://example.com/hook"',
  'placeholder="vip"',
  'placeholder="order\\s*#?\\d+"',
  'placeholder="m h dom mon dow"',
  'placeholder="4915112345678@s.whatsapp.net, …"',
  'placeholder="https://api.openai.com/v1"',
  'placeholder="gpt-4o-mini"',
  'placeholder="name"',
  'placeholder="https://example.com/hooks/whatsapp"',
  'placeholder="mwa_…"',
  'placeholder="you@example.com"',
]);

/**
 * Text a component shows without `$t`: template text outside `{{ }}` and `<code>`/`<pre>`, plain
 * (unbound) wording attributes, and string literals handed to a toast, a confirm, an Error or a page title.
 */
function hardCodedText(source: string): string[] {
  const found: string[] = [];
  const template = /<template>([\s\S]*)<\/template>/.exec(source)?.[1] ?? "";
  const markup = template
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(code|pre)\b[^>]*>[\s\S]*?<\/\1>/g, "")
    .replace(/\{\{[\s\S]*?\}\}/g, " ");
  for (const a of markup.matchAll(/\s(title|placeholder|aria-label|subtitle|text|label|alt)="([^"]*)"/g))
    if (/[A-Za-z]{2,}/.test(a[2]!)) found.push(`${a[1]}="${a[2]}"`);
  // Tags are removed whole, quoted attribute values included (they may hold `>`).
  for (const line of markup.replace(/<(?:[^>"']|"[^"]*"|'[^']*')*>/g, "\n").split("\n")) {
    const text = line.trim();
    if (/[A-Za-z]{2,}/.test(text) && text !== "MultiWA") found.push(text);
  }
  const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(source)?.[1] ?? "";
  for (const m of script.matchAll(
    /(?:toasts\.\w+|confirm|new Error|title:)\(?\s*["'`]([^"'`]*[A-Za-z]{2,}\s[^"'`]*)["'`]/g,
  ))
    found.push(m[1]!);
  return found.filter((f) => !UNTRANSLATED.has(f));
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

  it.each(CODES.filter((c) => c !== "en"))(
    "%s uses the same placeholders as English and leaves nothing empty",
    (code) => {
      const wrong: string[] = [];
      for (const [key, message] of locales[code]!) {
        if (!message.trim()) wrong.push(`${key}: empty`);
        const expected = (en.get(key) ?? "").split(" | ").flatMap(placeholders);
        const actual = message.split(" | ").flatMap(placeholders);
        if ([...new Set(actual)].sort().join() !== [...new Set(expected)].sort().join())
          wrong.push(`${key}: {${actual}} vs English {${expected}}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  // #24: the demo components, pages and the nav's demo group shipped in English although demo.json was
  // translated; any wording a component shows must come from the locale files.
  it("leaves no wording hard-coded in a component or page", () => {
    const hardCoded = sourceFiles(join(DASHBOARD, "app"))
      .filter((f) => f.endsWith(".vue"))
      .flatMap((f) => hardCodedText(readFileSync(f, "utf8")).map((text) => `${relative(DASHBOARD, f)}: ${text}`));
    expect(hardCoded).toEqual([]);
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
