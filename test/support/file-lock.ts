import { closeSync, existsSync, openSync, statSync, unlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The holder touches its lock this often; one untouched for STALE_MS belongs to a dead run (a synchronous
// build blocks the touching, so this is far above any build's length on a busy machine).
const TOUCH_MS = 10_000;
const STALE_MS = 300_000;

/**
 * Runs `work` holding a lock named `name` for this checkout, for test files that build into the same
 * folder from parallel workers: n8n-nodes-multiwa's build cleans dist/ first (tsup `clean`), so a build
 * in one file could empty it under another file's `npm pack` or require().
 */
export async function withFileLock<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `multiwa-${name}-${ROOT.replace(/\W+/g, "_")}.lock`);
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_MS) unlinkSync(lock);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const touch = setInterval(() => existsSync(lock) && utimesSync(lock, new Date(), new Date()), TOUCH_MS);
  try {
    return await work();
  } finally {
    clearInterval(touch);
    unlinkSync(lock);
  }
}
