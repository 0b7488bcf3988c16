import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { withFileLock } from "../../../test/support/file-lock.js";

const PKG = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));

describe("n8n community package layout", () => {
  it("builds CommonJS files at the paths package.json names, each exporting its class with an icon next to it", async () => {
    // Under the lock the other builds of dist/ take (n8n-host, the publish check): a build empties it first.
    await withFileLock("n8n-nodes-build", checkBuild);
  }, 120_000);
});

/** Builds the package as `pnpm run build` does and loads each file n8n would. */
function checkBuild(): void {
  // The workspace root's tsup (a root devDependency), as `pnpm run build` finds it.
  execFileSync(join(PKG, "../../node_modules/.bin/tsup"), { cwd: PKG, stdio: "pipe" });
  execFileSync(process.execPath, ["scripts/copy-icons.mjs"], { cwd: PKG, stdio: "pipe" });
  expect(pkg.name).toBe("n8n-nodes-multiwa");
  expect(pkg.keywords).toContain("n8n-community-node-package");
  expect(pkg.peerDependencies).toHaveProperty("n8n-workflow");
  const require = createRequire(join(PKG, "package.json"));
  for (const file of [...pkg.n8n.credentials, ...pkg.n8n.nodes] as string[]) {
    // n8n takes the export named like the file: MultiWa.node.js → MultiWa.
    const className = file.split("/").at(-1)!.split(".")[0]!;
    const Type = require(join(PKG, file))[className];
    expect(Type, file).toBeTypeOf("function");
    const instance = new Type();
    if (file.includes("/nodes/")) {
      expect(instance.description.icon).toBe("file:multiwa.svg");
      expect(existsSync(join(PKG, dirname(file), "multiwa.svg")), `${file} icon`).toBe(true);
      expect(instance.description.credentials).toEqual([
        { name: new (require(join(PKG, pkg.n8n.credentials[0])).MultiWaApi)().name, required: true },
      ]);
    }
  }
}
