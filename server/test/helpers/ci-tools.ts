import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Real hosts too large for the workspace lockfile (n8n, the MCP Inspector) are installed by
 * `.ci/ensure-*.sh` into one cache folder outside the repository; tests find them there.
 * @default ~/.cache/multiwa-ci (override with MULTIWA_CI_TOOLS)
 */
export const CI_TOOLS_DIR = process.env.MULTIWA_CI_TOOLS || join(homedir(), ".cache", "multiwa-ci");

export interface CiTool {
  /** Absolute path of the tool's entry file, or undefined when it is not installed. */
  path?: string;
  /** Why the tests skip, or undefined when the tool is there. */
  skip?: string;
}

/**
 * Looks up `relPath` under the folder `.ci/<script>` installs. Outside CI a missing tool skips its
 * tests with a clear message; under CI=true it throws, so CI can never pass by skipping the real host.
 */
export function ciTool(folder: string, relPath: string, script: string): CiTool {
  const path = join(CI_TOOLS_DIR, folder, relPath);
  if (existsSync(path)) return { path };
  const why = `${folder} is not installed at ${join(CI_TOOLS_DIR, folder)}: run \`bash .ci/${script}\``;
  if (process.env.CI === "true" || process.env.CI === "1") throw new Error(`[CI] ${why}`);
  console.warn(`[skip] ${why}`);
  return { skip: why };
}
