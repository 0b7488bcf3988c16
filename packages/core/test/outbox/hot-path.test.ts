import { sql } from "drizzle-orm";
import { createStorage } from "unstorage";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import type { MultiWA } from "../../src/multiwa.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { mockGateway } from "../helpers/mock.js";

const PEER = "628299999999";
const opened: { wa?: MultiWA; database?: Database }[] = [];
afterAll(async () => {
  for (const o of opened) {
    await o.wa?.close();
    await o.database?.close();
  }
});
// The accepting insert, status changes and history are raw SQL of fixed text (#18): on both databases.
const targets: [string, string | undefined][] = [["PGlite", undefined]];
if (await postgresAvailable()) targets.push(["PostgreSQL", TEST_POSTGRES_URL]);

describe.each(targets)("the hot path on %s", (_, url) => {
  // Regression: #18 — a sent message cost 9 atomic file writes and an unlink; now its record, queue state,
  // history entry, chat summary and webhook deliveries go in the transaction of its tick.
  it("costs at most one transaction per tick, whatever the number of messages in it", async () => {
    const database = await openTestDatabase(url);
    const o: (typeof opened)[number] = { database };
    opened.push(o);
    let transactions = 0;
    const counted: Database = { ...database, transaction: (fn) => (transactions++, database.transaction(fn)) };
    const { wa, network } = await mockGateway({ storage: createStorage(), database: counted });
    o.wa = wa;
    await wa.profiles.create({ id: "p1", name: "p1" });
    await wa.sessions.start("p1");
    await waitForStatus(wa, "p1", "open");
    await wa.webhooks.create({ url: "https://hooks.example.com/x", events: ["message.sent"], enabled: false });

    transactions = 0;
    const COUNT = 40;
    // One tick: 40 sends accepted in one transaction.
    const records = await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        wa.messages.send("p1", { to: PEER, content: { type: "text", text: `t${i}` } }),
      ),
    );
    expect(transactions).toBe(1);
    for (const r of records) await wa.messages.wait("p1", r.id);
    await expect
      .poll(async () => (await wa.chats.messages("p1", `${PEER}@s.whatsapp.net`, { limit: 100 })).messages.length)
      .toBe(COUNT);
    // Each sent message: status + off the queue + history + chat summary together; receipts share ticks too.
    expect(transactions).toBeLessThanOrEqual(1 + 2 * COUNT);
    const [chat] = await wa.chats.list("p1");
    expect(chat).toMatchObject({ unread: 0, lastMessage: { fromMe: true, text: `t${COUNT - 1}` } });
    expect(network.phone(PEER).messages()).toHaveLength(COUNT);
  }, 120_000);

  // Regression: #18 — a profile's send slot waited for its `sent` to commit, so with the write window
  // every message also waited the window before the next went out.
  it("sends a profile's next message while the previous one's sent status waits for the window", async () => {
    const database = await openTestDatabase(url);
    const o: (typeof opened)[number] = { database };
    opened.push(o);
    const { wa, network } = await mockGateway({ storage: createStorage(), database, writeWindowMs: 60_000 });
    o.wa = wa;
    await wa.profiles.create({ id: "p1", name: "p1" });
    await wa.sessions.start("p1");
    await waitForStatus(wa, "p1", "open");
    const started = Date.now();
    const records = [];
    for (let i = 0; i < 5; i++)
      records.push(await wa.messages.send("p1", { to: PEER, content: { type: "text", text: `w${i}` } }));
    await expect.poll(() => network.phone(PEER).messages().length, { timeout: 20_000 }).toBe(5);
    expect(Date.now() - started).toBeLessThan(30_000);
    // None committed yet (the window is a minute); close flushes them, then every record reads sent (or a later receipt).
    expect((await wa.messages.get("p1", records[4]!.id))?.status).toBe("queued");
    await wa.close();
    o.wa = undefined;
    const [{ count } = { count: -1 }] = (
      (await database.db.execute(
        sql`select count(*)::int as count from outbox_messages where status in ('sent', 'delivered', 'read')`,
      )) as unknown as { rows: { count: number }[] }
    ).rows;
    expect(count).toBe(5);
  }, 60_000);
});
