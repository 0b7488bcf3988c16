import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runChild as run } from "../helpers/child.js";

const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
const runChild = (args: string[], until: (out: string) => boolean) => run(CHILD, args, until);
const COUNT = 120;

function delivered(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { type: string; to: string })
    .filter((e) => e.type === "delivered")
    .map((e) => e.to);
}

describe("campaign crash safety", () => {
  it("resumes after SIGKILL mid-campaign and reaches every recipient exactly once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "multiwa-campaign-crash-"));
    const journal = join(dir, "journal.jsonl");
    const args = [join(dir, "data"), journal, join(dir, "campaign-id"), String(COUNT), "2000"];
    const first = runChild(["start", ...args], (out) => out.includes("STARTED"));
    await first.reached;
    await expect
      .poll(() => delivered(journal).length, { timeout: 20_000, interval: 5 })
      .toBeGreaterThanOrEqual(COUNT / 3);
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeKill = delivered(journal).length;
    expect(beforeKill).toBeLessThan(COUNT);

    const second = runChild(["resume", ...args], (out) => out.includes("DONE"));
    const out = await second.reached;
    await second.exited;
    const progress = JSON.parse(out.slice(out.indexOf("DONE ") + 5).split("\n")[0]!);
    expect(progress).toMatchObject({ total: COUNT, failed: 0, skipped: 0, pending: 0, queued: 0 });
    expect(progress.sent + progress.delivered + progress.read).toBe(COUNT);

    const perRecipient = new Map<string, number>();
    for (const to of delivered(journal)) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(COUNT);
    expect([...perRecipient.values()].filter((n) => n !== 1)).toEqual([]);
  }, 60_000);
});
