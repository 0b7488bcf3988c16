import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFsStorage } from "../../src/storage/create.js";

describe("fs storage", () => {
  it("writes through a temporary file and never lists leftovers of a crash", async () => {
    const dir = await mkdtemp(join(tmpdir(), "multiwa-atomic-"));
    const storage = await createFsStorage(dir);
    await storage.setItem("a:b", { v: 1 });
    // What a write interrupted by SIGKILL leaves behind:
    await writeFile(join(dir, "a", ".tmp-deadbeef"), '{"v":');
    expect(await storage.getKeys("a")).toEqual(["a:b"]);
    expect(await storage.getItem("a:b")).toEqual({ v: 1 });
    expect((await readdir(join(dir, "a"))).sort()).toEqual([".tmp-deadbeef", "b"]);
    await expect(storage.setItem("../escape", 1)).rejects.toThrow(/Invalid key/);
  });
});
