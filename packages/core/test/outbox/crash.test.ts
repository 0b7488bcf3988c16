import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild as run } from "../helpers/child.js";

const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
const runChild = (args: string[], until: (out: string) => boolean) => run(CHILD, args, until);
const COUNT = 40;

function journal(path: string): { type: string; id: string }[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("crash safety", () => {
  it("sends every queued message exactly once after a SIGKILL mid-queue", async () => {
    const dir = mkdtempSync(join(tmpdir(), "multiwa-crash-"));
    const args = [join(dir, "data"), join(dir, "journal.jsonl"), join(dir, "ids.json"), String(COUNT)];
    const first = runChild(["enqueue", ...args], (out) => out.includes("ENQUEUED"));
    await first.reached;
    // Let a part of the queue go out, then kill without any chance to clean up.
    await expect
      .poll(() => journal(args[1]!).filter((e) => e.type === "delivered").length, { timeout: 10_000, interval: 5 })
      .toBeGreaterThanOrEqual(COUNT / 4);
    first.child.kill("SIGKILL");
    await first.exited;
    const deliveredBeforeKill = journal(args[1]!).filter((e) => e.type === "delivered").length;
    expect(deliveredBeforeKill).toBeLessThan(COUNT);

    const second = runChild(["resume", ...args], (out) => out.includes("DRAINED"));
    await second.reached;
    await second.exited;

    const ids = JSON.parse(readFileSync(args[2]!, "utf8")) as string[];
    const entries = journal(args[1]!);
    const delivered = entries.filter((e) => e.type === "delivered").map((e) => e.id);
    expect(delivered.sort()).toEqual([...ids].sort());
    // At most the one message in flight at the kill is offered twice, under its original id.
    expect(entries.filter((e) => e.type === "attempt").length).toBeLessThanOrEqual(COUNT + 1);
  }, 60_000);
});
