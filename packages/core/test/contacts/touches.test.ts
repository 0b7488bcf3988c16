// Issue #18: every inbound message upserted its sender on its own (one statement each). A tick's senders
// are now one upsert: a sender seen twice in the tick is one row, with the earliest and latest sighting.
// Since then the upsert is one SQL text for any number of senders (array parameters): on both databases.
import { afterAll, describe, expect, it } from "vitest";
import { ContactStore } from "../../src/contacts/store.js";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { TickBatch } from "../../src/util/tick-batch.js";

const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});
const targets: [string, string | undefined][] = [["PGlite", undefined]];
if (await postgresAvailable()) targets.push(["PostgreSQL", TEST_POSTGRES_URL]);

describe.each(targets)("inbound senders of one tick on %s", (_, url) => {
  it("become contacts in one transaction, each once, keeping first and last sighting and the first name", async () => {
    const database = await openTestDatabase(url);
    opened.push(database);
    let transactions = 0;
    const counted: Database = { ...database, transaction: (fn) => (transactions++, database.transaction(fn)) };
    const store = new ContactStore(database.db, new TickBatch(counted));
    const [a1, b, a2] = await Promise.all([
      store.touch("w", "628111@s.whatsapp.net", 200, "Ani"),
      store.touch("w", "628222@s.whatsapp.net", 150),
      store.touch("w", "628111@s.whatsapp.net", 100, "Ani B"),
    ]);
    expect(transactions).toBe(1);
    expect(a1).toEqual(a2);
    expect(a1).toMatchObject({ id: "628111", name: "Ani", firstSeenAt: 100, lastSeenAt: 200, tags: [], fields: {} });
    expect(a1).toMatchObject({ jid: "628111@s.whatsapp.net", phone: "628111", optOut: false });
    // The upsert's raw rows become the same contact a read through drizzle gives (numbers, arrays, json).
    expect(a1).toEqual(await store.get("w", "628111"));
    expect(b).toMatchObject({ id: "628222", firstSeenAt: 150, lastSeenAt: 150 });
    // A later sighting moves last-seen only; the stored name stays.
    expect(await store.touch("w", "628111@s.whatsapp.net", 300, "Other")).toMatchObject({
      name: "Ani",
      firstSeenAt: 100,
      lastSeenAt: 300,
    });
    expect((await store.list("w")).total).toBe(2);
  });
});
