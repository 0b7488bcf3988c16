import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open.js";
import { untar } from "../../src/db/untar.js";

/** One ustar entry (header + padded body), as PGlite's dumpDataDir writes them. */
function entry(name: string, type: "0" | "2" | "5", body = ""): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write("0000644\0", 100);
  header.write(`${Buffer.byteLength(body).toString(8).padStart(11, "0")}\0`, 124);
  header.write(type, 156);
  header.write("ustar\u000000", 257);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}
const archive = (...entries: Buffer[]) => new Uint8Array(Buffer.concat([...entries, Buffer.alloc(1024)]));

// #18: the embedded database's first start unpacked its template through PGlite's in-memory file system,
// leaving that process ~100 MB heavier than after a restart (bench/idle-rss.ts: 410 vs 293 MB at ready).
describe("a new PGlite folder from the template", { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), "mw-untar-"));
    dirs.push(dir);
    return dir;
  };

  it("is unpacked beside the folder and moved in, and opens migrated", async () => {
    const dir = await tempDir();
    const database = await openDatabase(`pglite:${dir}/db`);
    const rows = (await database.db.execute(sql`select count(*)::int as n from audit_entries`)) as unknown as {
      rows: { n: number }[];
    };
    expect(rows.rows).toEqual([{ n: 0 }]);
    await database.close();
    expect(await readdir(dir)).toEqual(["db"]);
    expect(await readdir(join(dir, "db"))).toContain("PG_VERSION");
  });

  it("leaves a folder that already holds files to PGlite's loader, keeping them", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "db"));
    await writeFile(join(dir, "db", "notes.txt"), "mine");
    const database = await openDatabase(`pglite:${dir}/db`);
    await database.close();
    expect(await readFile(join(dir, "db", "notes.txt"), "utf8")).toBe("mine");
    expect(await readdir(join(dir, "db"))).toContain("PG_VERSION");
  });

  it("writes directories and files, and refuses entries outside the folder or of other types", async () => {
    const dir = await tempDir();
    await untar(
      archive(entry("/base", "5"), entry("/base/1", "0", "x".repeat(700)), entry("/PG_VERSION", "0", "17")),
      join(dir, "ok"),
    );
    expect(await readFile(join(dir, "ok", "base", "1"), "utf8")).toBe("x".repeat(700));
    expect(await readFile(join(dir, "ok", "PG_VERSION"), "utf8")).toBe("17");

    await expect(untar(archive(entry("../escaped", "0", "no")), join(dir, "bad"))).rejects.toThrow(/outside/);
    expect(existsSync(join(dir, "escaped"))).toBe(false);
    await expect(untar(archive(entry("/link", "2")), join(dir, "bad"))).rejects.toThrow(/type 2/);
  });
});
