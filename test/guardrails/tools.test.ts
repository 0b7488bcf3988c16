import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ensurePrepared } from "../../dashboard/test/helpers/gateway.js";

// Issue #19 item 8: `pnpm test` runs the linter, the type checker, the unused-code check and the format check over the whole workspace, so a
// finding fails the one test command with the tool's own report. Configuration: .oxlintrc.json, knip.jsonc, .oxfmtrc.json.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs a workspace binary at the root; its exit code and everything it printed. */
function run(bin: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(join(ROOT, "node_modules/.bin", bin), args, {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 180_000,
  });
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ""}`,
  };
}

describe("guardrails", () => {
  it("oxlint finds nothing", () => {
    const { status, output } = run("oxlint", ["--deny-warnings"]);
    expect(status, output).toBe(0);
  }, 180_000);

  it("knip finds no unused file, export or dependency", async () => {
    // On a fresh clone nothing has generated the dashboard's `.nuxt/` yet: without it every component looked unused.
    await ensurePrepared();
    const { status, output } = run("knip", ["--no-progress"]);
    expect(status, output).toBe(0);
  }, 360_000);

  // Nothing ran tsc before: server/lib/readiness.ts and the privacy route carried type errors, and 38 in server/test.
  it("tsc finds no type error in the workspace, nor in the server with its tests", () => {
    for (const project of ["tsconfig.json", "server/tsconfig.json"]) {
      const { status, output } = run("tsc", ["-p", project, "--noEmit"]);
      expect(status, `${project}\n${output}`).toBe(0);
    }
  }, 360_000);

  it("oxfmt finds every file formatted (`pnpm format` formats them)", () => {
    const { status, output } = run("oxfmt", ["--check"]);
    expect(status, output).toBe(0);
  }, 180_000);
});
