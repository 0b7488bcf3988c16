import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("migrations", () => {
  // A table edited without regenerating would reach users as a schema the migration never creates.
  it("the embedded initial migration matches the tables of src/db/schema.ts", { timeout: 120_000 }, () => {
    const core = fileURLToPath(new URL("../..", import.meta.url));
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/db-generate.ts", "--check"], {
      cwd: core,
      encoding: "utf8",
    });
    expect(out).toMatch(/^0000_init: \d+ statements/);
  });
});
