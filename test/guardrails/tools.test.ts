import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { withPrepared } from "../../dashboard/test/helpers/gateway.js";

// Issue #19 item 8: `pnpm test` runs the linter, the type checker, the unused-code check and the format check over the whole workspace, so a
// finding fails the one test command with the tool's own report. Configuration: .oxlintrc.json, knip.jsonc, .oxfmtrc.json.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs a workspace binary at the root; its exit code and everything it printed. */
function run(bin: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, "node_modules/.bin", bin), args, { cwd: ROOT, timeout: 600_000 });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => (output += String(e)));
    child.on("close", (status, signal) =>
      resolve({ status, output: signal ? `${output}\nkilled: ${signal}` : output }),
    );
  });
}

// The tools start together when the file loads and each test awaits its own: the two tsc runs are
// single-threaded and took ~90 s each one after the other, the longest part of this file (CI, 2 cores).
// Side by side on a busy machine a tsc run took over 300 s, hence the ten-minute bound.
// Knip reads the dashboard's `.nuxt/`, which a fresh clone has not generated yet: without it every
// component looked unused. It runs under the dashboard's build lock: a browser test's `nuxt generate` in
// the other worker clears that folder.
const results = {
  // Nothing ran tsc before: server/lib/readiness.ts and the privacy route carried type errors, and 38 in server/test.
  tsc: ["tsconfig.json", "server/tsconfig.json"].map((project) =>
    run("tsc", ["-p", project, "--noEmit"]).then((r) => ({ ...r, output: `${project}\n${r.output}` })),
  ),
  oxlint: run("oxlint", ["--deny-warnings"]),
  oxfmt: run("oxfmt", ["--check"]),
  // Last: a missing `.nuxt/` is generated synchronously, which holds this file up until it is done.
  knip: withPrepared(() => run("knip", ["--no-progress"])),
};

describe("guardrails", () => {
  it("oxlint finds nothing", async () => {
    const { status, output } = await results.oxlint;
    expect(status, output).toBe(0);
  }, 600_000);

  it("knip finds no unused file, export or dependency", async () => {
    const { status, output } = await results.knip;
    expect(status, output).toBe(0);
  }, 600_000);

  it("tsc finds no type error in the workspace, nor in the server with its tests", async () => {
    for (const { status, output } of await Promise.all(results.tsc)) expect(status, output).toBe(0);
  }, 600_000);

  it("oxfmt finds every file formatted (`pnpm format` formats them)", async () => {
    const { status, output } = await results.oxfmt;
    expect(status, output).toBe(0);
  }, 600_000);
});
