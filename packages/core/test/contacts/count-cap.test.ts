// Issue #18: every contacts page counted all matching contacts (`total`), so the first page of a
// million-contact workspace read a million rows. The count now stops at 10,000 (1,000 with a filter,
// whose count reads every matching row) and says so.
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { ContactStore } from "../../src/contacts/store.js";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase } from "../../src/testing/database.js";

let database: Database | undefined;
afterAll(() => database?.close());

describe("contact pages", () => {
  it("count matches exactly up to 10,000 (1,000 filtered), and beyond say the count is capped", async () => {
    database = await openTestDatabase();
    await database.db
      .execute(sql`insert into contacts (workspace_id, id, jid, phone, name, tags, fields, opt_out, created_at, updated_at)
      select 'w', (62800000000 + g)::text, (62800000000 + g)::text || '@s.whatsapp.net', (62800000000 + g)::text,
        'Person ' || g, case when g % 1000 = 0 then array['vip', 'all'] else array['all'] end, '{}'::jsonb, false, g, g
      from generate_series(1, 10005) g`);
    const contacts = new ContactStore(database.db);
    const all = await contacts.list("w", { limit: 5 });
    expect(all).toMatchObject({ total: 10_000, totalCapped: true });
    expect(all.items.map((c) => c.name)).toEqual(["Person 1", "Person 2", "Person 3", "Person 4", "Person 5"]);
    expect(await contacts.list("w", { tags: ["vip"], limit: 5 })).toMatchObject({ total: 10, totalCapped: false });
    expect(await contacts.list("w", { tags: ["all"], limit: 5 })).toMatchObject({ total: 1_000, totalCapped: true });
    expect(await contacts.list("w", { q: "person 1", limit: 5 })).toMatchObject({ total: 1_000, totalCapped: true });
    expect(await contacts.list("w", { q: "person 1000", limit: 5 })).toMatchObject({ total: 7, totalCapped: false });
  });
});
