import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open.js";
import { preparedStatements } from "../../src/db/pglite-statements.js";

// #18: statements are prepared once per SQL text (PGlite re-parses and re-plans every query otherwise).
describe("PGlite prepared statements", { timeout: 120_000 }, () => {
  let client: PGlite;
  beforeAll(async () => {
    client = await PGlite.create();
    await client.exec("create table t (id text primary key, n int, tags text[])");
  });
  afterAll(async () => client.close());

  const preparedCount = async () =>
    (await client.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements")).rows[0]!.n;

  it("prepares a repeated text once and answers like PGlite's query", async () => {
    const statements = preparedStatements(client);
    const before = await preparedCount();
    for (let i = 0; i < 5; i++)
      await statements.query("insert into t (id, n, tags) values ($1, $2, $3)", [`k${i}`, i, ["a", `t${i}`]]);
    const text = "select id, n, tags from t where id = $1";
    const mine = await statements.query(text, ["k3"]);
    await statements.query(text, ["k4"]);
    expect(await preparedCount()).toBe(before + 2);
    const theirs = await client.query(text, ["k3"]);
    expect(mine.rows).toEqual([{ id: "k3", n: 3, tags: ["a", "t3"] }]);
    expect(mine.rows).toEqual(theirs.rows);
    expect(mine.fields).toEqual(theirs.fields);
    expect((await statements.query("update t set n = n + 1 where n >= $1", [3])).affectedRows).toBe(2);
    await statements.release();
    expect(await preparedCount()).toBe(before);
  });

  it("keeps errors, later statements and rollbacks as PGlite has them", async () => {
    const statements = preparedStatements(client, { max: 2 });
    await expect(statements.query("select nope from t")).rejects.toThrow(/nope/);
    await expect(statements.query("insert into t (id) values ($1)", ["k1"])).rejects.toMatchObject({ code: "23505" });
    await statements.transaction(async (tx) => void (await tx.query("update t set n = $1 where id = $2", [50, "k1"])));
    const failed = statements.transaction(async (tx) => {
      await tx.query("update t set n = $1 where id = $2", [99, "k1"]);
      throw new Error("rolled back");
    });
    await expect(failed).rejects.toThrow("rolled back");
    // Past `max`, the least recently used statements are deallocated.
    for (const id of ["k0", "k1", "k2"]) await statements.query(`select n from t where id = '${id}' and n > $1`, [-1]);
    const rows = await statements.query<{ n: number }>("select n from t where id = $1", ["k1"]);
    expect(rows.rows).toEqual([{ n: 50 }]);
    expect(await preparedCount()).toBeLessThanOrEqual(3);
    await statements.release();
  });

  it("keeps memory: databases apart on one instance, also after a rolled-back transaction", async () => {
    const [a, b] = await Promise.all([openDatabase("memory:"), openDatabase("memory:")]);
    const insert = (id: string) => sql`insert into audit_entries (id, at, organization_id, actor_kind, actor_id, action,
      status) values (${id}, 1, 'o', 'system', 's', 'x', 200)`;
    const ids = async (db: typeof a) =>
      ((await db.db.execute(sql`select id from audit_entries order by id`)) as unknown as { rows: { id: string }[] })
        .rows;
    await a.db.execute(insert("a1"));
    await expect(
      b.transaction(async (tx) => {
        await tx.execute(insert("b-lost"));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await b.db.execute(insert("b1"));
    await a.transaction(async (tx) => void (await tx.execute(insert("a2"))));
    expect(await ids(a)).toEqual([{ id: "a1" }, { id: "a2" }]);
    expect(await ids(b)).toEqual([{ id: "b1" }]);
    await Promise.all([a.close(), b.close()]);
  });

  // The revert of this reuse (b2f4e2a) suspected statements prepared under one schema's search_path
  // being run under another's; the same texts interleaved on two databases must read each one's rows.
  it("runs the same statement texts interleaved on two memory: databases, each on its own tables", async () => {
    const [a, b] = await Promise.all([openDatabase("memory:"), openDatabase("memory:")]);
    const insert = (db: typeof a, id: string) =>
      db.db.execute(sql`insert into audit_entries (id, at, organization_id, actor_kind, actor_id, action, status)
        values (${id}, 1, 'o', 'system', 's', 'x', 200)`);
    const count = async (db: typeof a, prefix: string) =>
      (
        (await db.db.execute(
          sql`select count(*)::int as n from audit_entries where id like ${`${prefix}%`}`,
        )) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 3 === 0
          ? b.transaction(
              async (tx) =>
                void (await tx.execute(sql`insert into audit_entries (id, at, organization_id,
              actor_kind, actor_id, action, status) values (${`b${i}`}, 1, 'o', 'system', 's', 'x', 200)`)),
            )
          : insert(i % 2 ? a : b, `${i % 2 ? "a" : "b"}${i}`),
      ),
    );
    // a: odd i not divisible by 3; b: the rest.
    const expected = { a: 7, b: 13 };
    expect({ a: await count(a, "a"), b: await count(b, "b") }).toEqual(expected);
    expect({ a: await count(a, "b"), b: await count(b, "a") }).toEqual({ a: 0, b: 0 });
    await Promise.all([a.close(), b.close()]);
  });
});
