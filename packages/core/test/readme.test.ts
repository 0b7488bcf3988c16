import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

// Issue #19 item 9: the examples of the package's README are documentation that runs. Each `ts` block is
// written as a module inside the package (so `@multiwa/core` resolves to this package, as for a user who
// installed it) and imported in a fresh working folder, which its data folder goes to.
const CORE = fileURLToPath(new URL("..", import.meta.url));
const BLOCKS = [...readFileSync(join(CORE, "README.md"), "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map(
  (m) => m[1]!,
);
const SCRATCH = join(CORE, ".tmp/readme");
mkdirSync(SCRATCH, { recursive: true });
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe("packages/core/README.md", () => {
  it("has runnable examples", () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(5);
  });

  it.each(BLOCKS.map((code, i) => [i + 1, code.split("\n")[0], code] as const))(
    "example %i runs (%s…)",
    async (i, _first, code) => {
      const file = join(SCRATCH, `example-${i}-${process.pid}.ts`);
      writeFileSync(file, code);
      const home = process.cwd();
      process.chdir(mkdtempSync(join(SCRATCH, "run-")));
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        await import(file);
        expect(log, "an example shows what it did").toHaveBeenCalled();
      } finally {
        log.mockRestore();
        process.chdir(home);
      }
    },
    60_000,
  );
});
