import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Issue #18: no process-local cache of a shared record without invalidation. Every core file that builds a
// cache (a FactCache, a TableSnapshot, a `cache`/`cached` map or a map of timestamped entries) must be listed
// in docs/hot-path.md "Caches and the cluster" with why it is safe, so a new one is reviewed, not slipped in.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CACHE =
  /new (FactCache|TableSnapshot)\b|private readonly cached? = new Map|private readonly \w+ = new Map<string, \{ [a-z]+: [^}]*; at: number \}>/;

describe("caches and the cluster", () => {
  it("lists every core cache in docs/hot-path.md", () => {
    const doc = readFileSync(join(ROOT, "docs/hot-path.md"), "utf8");
    const section = doc.slice(doc.indexOf("## Caches and the cluster"), doc.indexOf("## Retention"));
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "packages/core/src"], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => f.endsWith(".ts") && !f.includes("/testing/"));
    const caching = files.filter((f) => CACHE.test(readFileSync(join(ROOT, f), "utf8")));
    expect(caching.length).toBeGreaterThan(4);
    const unlisted = caching.filter((f) => !section.includes(`\`${f.replace("packages/core/src/", "")}`));
    expect(unlisted).toEqual([]);
  });
});
