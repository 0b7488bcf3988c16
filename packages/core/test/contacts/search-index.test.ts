// Issue #18: a contact search is a substring match on the number and the name; without an index it read
// every contact, so a search matching nobody took 51x longer at 100k contacts than at 1k (growth bench).
// Both columns now have a pg_trgm index, created by the migration on PGlite and on PostgreSQL.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { ContactStore } from "../../src/contacts/store.js";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";

const open: Database[] = [];
afterAll(() => Promise.all(open.map((d) => d.close())));

const targets = [
  { name: "PGlite", url: undefined },
  { name: "PostgreSQL", url: TEST_POSTGRES_URL },
];

describe.each(targets)("contact search on $name", ({ url }) => {
  it("reads the trigram indexes, not every contact, and finds by name and number", async (ctx) => {
    if (url && !(await postgresAvailable(url))) return ctx.skip();
    const database = await openTestDatabase(url);
    open.push(database);
    await database.db
      .execute(sql`insert into contacts (workspace_id, id, jid, phone, name, tags, fields, opt_out, created_at, updated_at)
      select 'w', (62800000000 + g)::text, (62800000000 + g)::text || '@s.whatsapp.net', (62800000000 + g)::text,
        'Person ' || g, '{}'::text[], '{}'::jsonb, false, g, g
      from generate_series(1, 5000) g`);
    await database.db.execute(sql`analyze contacts`);
    // At this size a scan may still be cheaper; forbidding it shows the indexes exist and serve this
    // query (at 100k contacts the planner takes them by itself: bench/growth-records.ts).
    const plan = await database.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(sql`explain select 1 from contacts where id like '%budi%' or name ilike '%budi%'`);
    });
    const text = (plan as unknown as { rows: { "QUERY PLAN": string }[] }).rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("contacts_id_trgm");
    expect(text).toContain("contacts_name_trgm");
    const contacts = new ContactStore(database.db);
    expect(await contacts.list("w", { q: "budi" })).toMatchObject({ items: [], total: 0 });
    expect((await contacts.list("w", { q: "PERSON 4999" })).items.map((c) => c.id)).toEqual(["62800004999"]);
    expect((await contacts.list("w", { q: "2800001234" })).items.map((c) => c.name)).toEqual(["Person 1234"]);
  });
});

// Issue #18: on PGlite every statement text was a named prepared statement; from its sixth run Postgres may
// switch one to a generic plan, which knows no pattern and so cannot use the trigram indexes: at 100k
// contacts a search took 13 ms for five runs and 240 ms from then on (growth bench: 8.7x over 1k). A pattern
// parameter is now planned with its value on every run.
describe("contact search on PGlite, run again and again", () => {
  it("keeps no prepared statement for a pattern search, so no generic plan", async () => {
    const database = await openTestDatabase();
    open.push(database);
    const contacts = new ContactStore(database.db);
    await contacts.upsert("w", { phone: "6281234" });
    for (let i = 0; i < 8; i++) await contacts.list("w", { q: `budi${i}` });
    const kept = await database.db.execute(
      sql`select statement from pg_prepared_statements where statement like ${'%from "contacts"%like%'}`,
    );
    expect((kept as unknown as { rows: unknown[] }).rows).toEqual([]);
    expect((await contacts.list("w", { q: "1234" })).items.map((c) => c.id)).toEqual(["6281234"]);
  });
});
