import { execFile, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../server/test/helpers/server.js";
import { withFileLock } from "../support/file-lock.js";

// Regression: the README promised `npx @multiwa/mcp` and `n8n-nodes-multiwa`, which had never been packed.
// Every package is built and packed as `pnpm publish` would, the tarballs are checked, and the ones a user
// installs on their own are installed from the tarballs into a clean folder and run from there.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PACKAGES = readdirSync(join(ROOT, "packages")).filter(
  (p) => !JSON.parse(readFileSync(join(ROOT, "packages", p, "package.json"), "utf8")).private,
);
const pnpm = ["-y", "pnpm@10"];
const BUILT = ["@multiwa/sdk", "@multiwa/mcp", "@multiwa/chatwoot-bridge", "n8n-nodes-multiwa"];
const run = promisify(execFile);
let out: string;
let clean: string;
const tarballs = new Map<string, string>();
let gateway: RunningServer;

const tarFiles = (tgz: string) =>
  execFileSync("tar", ["tzf", tgz], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""));
const tarJson = (tgz: string) =>
  JSON.parse(execFileSync("tar", ["xzf", tgz, "-O", "package/package.json"], { encoding: "utf8" }));

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "multiwa-pack-"));
  clean = mkdtempSync(join(tmpdir(), "multiwa-clean-"));
  // Built here: what a user installs on its own (type declarations included, as published). The other
  // packages are packed as they are; their metadata is checked, their dist/ by their own builds.
  const filters = BUILT.flatMap((name) => ["--filter", name]);
  // Under the lock n8n-nodes-multiwa's other builds take (n8n-host, its layout test): a build empties dist/ first.
  await withFileLock("n8n-nodes-build", async () => {
    await run("npx", [...pnpm, "-r", ...filters, "run", "build"], { cwd: ROOT, timeout: 1_200_000 });
    await run("npx", [...pnpm, "-r", "--filter", "./packages/**", "pack", "--pack-destination", out], {
      cwd: ROOT,
      timeout: 300_000,
    });
  });
  for (const file of readdirSync(out)) tarballs.set(tarJson(join(out, file)).name, join(out, file));
}, 1_500_000);

afterAll(async () => {
  await gateway?.stop();
  rmSync(out, { recursive: true, force: true });
  rmSync(clean, { recursive: true, force: true });
});

describe("packages as published", () => {
  it("packs every public package with its README, LICENSE, public access, real versions and every exported file", () => {
    expect([...tarballs.keys()].sort()).toEqual(
      PACKAGES.map((p) => JSON.parse(readFileSync(join(ROOT, "packages", p, "package.json"), "utf8")).name).sort(),
    );
    for (const [name, tgz] of tarballs) {
      const files = tarFiles(tgz);
      const pkg = tarJson(tgz);
      expect(files, name).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
      expect(pkg.license, name).toBe("MIT");
      expect(pkg.publishConfig?.access, name).toBe("public");
      expect(JSON.stringify(pkg), `${name} keeps a workspace: or catalog: range`).not.toMatch(/"(workspace|catalog):/);
      expect(pkg.exports?.["./package.json"], name).toBe("./package.json");
      // The workspace's "dev-source" condition points at src/, which is not published (.pnpmfile.cjs drops it).
      expect(JSON.stringify(pkg.exports), `${name} publishes the dev-source condition`).not.toContain("dev-source");
      if (!BUILT.includes(name)) continue;
      const targets = leaves(pkg.exports ?? {})
        .filter((t) => !t.includes("*"))
        .map((t) => t.replace(/^\.\//, ""));
      for (const target of [
        ...targets,
        ...Object.values<string>(pkg.bin ?? {}).map((b) => b.replace(/^\.\//, "")),
        ...(pkg.n8n ? [...pkg.n8n.nodes, ...pkg.n8n.credentials] : []),
      ]) {
        expect(files, `${name}: ${target}`).toContain(target);
      }
    }
  });

  it("installs @multiwa/sdk, mcp, chatwoot-bridge and n8n-nodes-multiwa from the tarballs into a clean folder", async () => {
    writeFileSync(join(clean, "package.json"), JSON.stringify({ name: "clean", private: true, type: "module" }));
    const wanted = BUILT;
    await run(
      "npm",
      ["install", "--ignore-scripts", "--no-audit", "--no-fund", ...wanted.map((n) => tarballs.get(n)!)],
      { cwd: clean, timeout: 600_000 },
    );
    // Our own builds, not a same-named package from elsewhere.
    for (const name of wanted)
      expect(
        JSON.parse(readFileSync(join(clean, "node_modules", name, "package.json"), "utf8")).description,
        name,
      ).toBe(tarJson(tarballs.get(name)!).description);
    const imported = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `
      const sdk = await import("@multiwa/sdk"); const hooks = await import("@multiwa/sdk/webhooks");
      const bridge = await import("@multiwa/chatwoot-bridge");
      console.log(typeof sdk.createClient, typeof hooks.verifyWebhookSignature, typeof bridge.createChatwootBridge);`,
      ],
      { cwd: clean, encoding: "utf8" },
    );
    expect(imported.trim()).toBe("function function function");
  }, 600_000);

  it("loads every n8n node and credential the package declares, as n8n does (require + the export named like the file)", () => {
    const pkg = JSON.parse(readFileSync(join(clean, "node_modules/n8n-nodes-multiwa/package.json"), "utf8"));
    const script = `const d=require("path").join(process.cwd(),"node_modules/n8n-nodes-multiwa");
      for (const f of ${JSON.stringify([...pkg.n8n.credentials, ...pkg.n8n.nodes])}) {
        const T = require(require("path").join(d, f))[f.split("/").pop().split(".")[0]]; const i = new T();
        console.log(i.name ?? i.description.name);
      }`;
    expect(execFileSync(process.execPath, ["-e", script], { cwd: clean, encoding: "utf8" }).trim().split("\n")).toEqual(
      ["multiWaApi", "multiWa", "multiWaTrigger"],
    );
  });

  it("runs the installed multiwa-mcp bin over stdio against a gateway", async () => {
    gateway = await startServer();
    const bin = spawn(join(clean, "node_modules/.bin/multiwa-mcp"), [], {
      cwd: clean,
      env: { ...process.env, MULTIWA_URL: gateway.url, MULTIWA_API_KEY: gateway.key },
      stdio: ["pipe", "pipe", "inherit"],
    });
    try {
      // MCP over stdio is newline-delimited JSON-RPC: initialize, initialized, tools/list.
      const answers: Record<number, unknown> = {};
      let buffer = "";
      bin.stdout!.on("data", (d) => {
        buffer += d;
        for (let at = buffer.indexOf("\n"); at >= 0; at = buffer.indexOf("\n")) {
          const message = JSON.parse(buffer.slice(0, at)) as { id?: number; result?: unknown };
          buffer = buffer.slice(at + 1);
          if (message.id !== undefined) answers[message.id] = message.result;
        }
      });
      const write = (message: object) => bin.stdin!.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
      write({
        id: 1,
        method: "initialize",
        params: {
          protocolVersion: "2025-06-18",
          capabilities: {},
          clientInfo: { name: "pack-check", version: "1.0.0" },
        },
      });
      await expect.poll(() => answers[1], { timeout: 30_000 }).toMatchObject({ serverInfo: expect.any(Object) });
      write({ method: "notifications/initialized" });
      write({ id: 2, method: "tools/list" });
      await expect
        .poll(() => (answers[2] as { tools?: { name: string }[] } | undefined)?.tools?.map((t) => t.name), {
          timeout: 30_000,
        })
        .toContain("list_profiles");
    } finally {
      bin.kill();
    }
  }, 120_000);
});

// --- Internal helpers ---

/** The file paths an `exports` map points at (its string leaves, whatever the conditions). */
function leaves(value: unknown): string[] {
  return typeof value === "string"
    ? [value]
    : value && typeof value === "object"
      ? Object.values(value).flatMap(leaves)
      : [];
}
