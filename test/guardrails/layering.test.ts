import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Issue #19 item 8: the layers the design relies on, checked on every import of every source file.
// - @multiwa/core knows nothing of the server, the dashboard, the engines or the SDK;
// - a package's source reaches other packages only through their published entry points (`@multiwa/core`,
//   `@multiwa/core/testing`…, never `@multiwa/core/src/…` or `../../core/src/…`);
// - the gateway (server/) never imports the dashboard's code, the dashboard app never imports the server's.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SOURCE = /\.(ts|mts|mjs|js|vue)$/;
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
  cwd: ROOT,
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => SOURCE.test(f) && !f.startsWith("wip/"));

/** Each package folder (`packages/core`, `server`, …) and the subpaths its package.json exports. */
const packages = new Map<string, { dir: string; exports: string[] }>();
for (const file of execFileSync("git", ["ls-files", "*package.json"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter(Boolean)) {
  if (file.includes("node_modules/") || file.includes("/fixtures/")) continue;
  const pkg = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as {
    name?: string;
    exports?: Record<string, unknown>;
  };
  if (pkg.name) packages.set(pkg.name, { dir: dirname(file), exports: Object.keys(pkg.exports ?? { ".": "" }) });
}

interface Edge {
  from: string;
  specifier: string;
  /** The repository path a relative specifier points at. */
  target?: string;
}

const edges: Edge[] = files.flatMap((from) => {
  const text = readFileSync(join(ROOT, from), "utf8");
  return importsOf(text).map((specifier) => ({
    from,
    specifier,
    target: specifier.startsWith(".") ? normalize(join(dirname(from), specifier)) : undefined,
  }));
});

const packageOf = (path: string) =>
  [...packages.values()]
    .map((p) => p.dir)
    .filter((dir) => path === dir || path.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length)[0];
const show = (bad: Edge[]) => bad.map((e) => `${e.from}: ${e.specifier}`);

describe("layering", () => {
  it("reads the imports of the workspace's sources", () => {
    expect(edges.filter((e) => e.from.startsWith("packages/core/src/")).length).toBeGreaterThan(500);
    expect(packages.get("@multiwa/core")?.exports).toContain("./testing");
  });

  it("@multiwa/core imports no other workspace package and nothing outside its folder", () => {
    const bad = edges.filter(
      (e) =>
        e.from.startsWith("packages/core/") &&
        (e.specifier.startsWith("@multiwa/") || (e.target && !e.target.startsWith("packages/core/"))),
    );
    expect(show(bad)).toEqual([]);
  });

  it("workspace packages import each other only through their published entry points", () => {
    const bad = edges.filter((e) => {
      const name = [...packages.keys()].find((n) => e.specifier === n || e.specifier.startsWith(`${n}/`));
      if (!name) return false;
      const subpath = `.${e.specifier.slice(name.length)}`;
      return !packages.get(name)!.exports.includes(subpath);
    });
    expect(show(bad)).toEqual([]);
  });

  it("a package's sources reach no other package's files by relative path", () => {
    const bad = edges.filter((e) => e.target && isSource(e.from) && packageOf(e.target) !== packageOf(e.from));
    expect(show(bad)).toEqual([]);
  });

  it("the gateway never imports the dashboard, and the dashboard app never imports the gateway", () => {
    const gateway = edges.filter(
      (e) =>
        e.from.startsWith("server/") &&
        !e.from.startsWith("server/test/") &&
        (e.target?.startsWith("dashboard/") || e.specifier.startsWith("@multiwa/dashboard")),
    );
    const app = edges.filter(
      (e) =>
        /^dashboard\/(app|shared)\//.test(e.from) &&
        (e.target?.startsWith("server/") || e.specifier.startsWith("@multiwa/server")),
    );
    expect(show([...gateway, ...app])).toEqual([]);
  });
});

// --- Internal helpers ---

/** Shipped code, as opposed to tests, benchmarks and scripts (which may reach across on purpose). */
function isSource(path: string): boolean {
  return (
    /^packages\/[^/]+\/src\//.test(path) ||
    /^server\/(lib|routes|plugins|middleware)\//.test(path) ||
    /^dashboard\/(app|shared)\//.test(path)
  );
}

/** The module specifiers of `import … from`, `export … from`, side-effect imports and `import()` calls. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const code = text.replace(/^\s*\/\/.*$/gm, "");
  for (const match of code.matchAll(
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g,
  )) {
    found.push((match[1] ?? match[2])!);
  }
  return found;
}
