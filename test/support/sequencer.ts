// The order test files start in: longest first, so the two workers of a 2-core CI machine finish together
// instead of one starting a 3-minute browser suite when the other has nothing left. Vitest itself orders by
// the durations in its local cache, which a fresh clone does not have (it then falls back to file size, a
// poor guess: the largest file is not the slowest). test-durations.json keeps the seconds each file took on
// the last full run; `node --import tsx test/support/sequencer.ts --write` after one rewrites it.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestSpecification, Vitest } from "vitest/node";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TABLE = join(ROOT, "test/support/test-durations.json");

/** A `sequence.sequencer` for vitest: recorded seconds first, then the local cache, then file size. */
export class LongestFirstSequencer {
  private readonly recorded: Record<string, number> = existsSync(TABLE) ? JSON.parse(readFileSync(TABLE, "utf8")) : {};

  constructor(private readonly ctx: Vitest) {}

  async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    return files;
  }

  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = new Map(files.map((spec) => [spec, this.seconds(spec)]));
    return [...files].sort((a, b) => weight.get(b)! - weight.get(a)!);
  }

  /** A file not yet recorded (new) goes first: it may be long, and its failure shows early. */
  private seconds(spec: TestSpecification): number {
    const path = relative(this.ctx.config.root, spec.moduleId);
    const recorded = this.recorded[path];
    if (recorded !== undefined) return recorded;
    const cached = this.ctx.cache.getFileTestResults(`${spec.project.name}:${path}`)?.duration;
    return cached !== undefined ? cached / 1000 : Number.MAX_SAFE_INTEGER - statSync(spec.moduleId).size;
  }
}

// --- Refreshing the table from vitest's cache of the last run (hooks included, as the reporter shows) ---

if (process.argv.includes("--write")) {
  const cacheDir = join(ROOT, "node_modules/.vite/vitest");
  const [cache] = readdirSync(cacheDir)
    .map((d) => join(cacheDir, d, "results.json"))
    .filter((f) => existsSync(f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const { results } = JSON.parse(readFileSync(cache!, "utf8")) as { results: [string, { duration: number }][] };
  const table = Object.fromEntries(
    results
      .map(([key, { duration }]) => [key.slice(key.indexOf(":") + 1), Math.round(duration / 100) / 10] as const)
      .filter(([path]) => existsSync(join(ROOT, path)))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  writeFileSync(TABLE, `${JSON.stringify(table, null, 2)}\n`);
  console.log(`${Object.keys(table).length} files recorded in ${relative(ROOT, TABLE)}`);
}
