import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open.js";

describe("openDatabase", { timeout: 180_000 }, () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it("keeps rows in a pglite: folder across a reopen, migrating only the first time", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mw-db-"));
    dirs.push(dir);
    const first = await openDatabase(`pglite:${dir}/db`);
    expect(first.dialect).toBe("pglite");
    await first.db.execute(sql`insert into audit_entries (id, at, organization_id, actor_kind, actor_id, action, status)
      values ('a', 1, 'o', 'system', 's', 'x', 200)`);
    await first.close();
    const second = await openDatabase(`pglite:${dir}/db`);
    const rows = (await second.db.execute(sql`select id from audit_entries`)) as unknown as { rows: unknown[] };
    expect(rows.rows).toEqual([{ id: "a" }]);
    await second.close();
  });

  it("defaults to PGlite in the data folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mw-db-"));
    dirs.push(dir);
    const database = await openDatabase(undefined, { dataDir: dir });
    expect(database.dialect).toBe("pglite");
    await database.close();
    expect(await readdir(join(dir, "database"))).toContain("PG_VERSION");
  });

  it("gives every memory: database its own empty tables", async () => {
    const [a, b] = await Promise.all([openDatabase("memory:"), openDatabase("memory:")]);
    await a.db.execute(sql`insert into audit_entries (id, at, organization_id, actor_kind, actor_id, action, status)
      values ('a', 1, 'o', 'system', 's', 'x', 200)`);
    const rows = (await b.db.execute(sql`select count(*)::int as n from audit_entries`)) as unknown as {
      rows: unknown[];
    };
    expect(rows.rows).toEqual([{ n: 0 }]);
    await Promise.all([a.close(), b.close()]);
  });

  it("refuses an unknown URL with the field named", async () => {
    await expect(openDatabase("mysql://x")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "database" },
    });
    await expect(openDatabase("pglite:")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("fails with STORAGE_FAILED, not a hang, when PostgreSQL does not answer", async () => {
    await expect(openDatabase("postgres://nobody@127.0.0.1:1/none")).rejects.toMatchObject({ code: "STORAGE_FAILED" });
  });
});
