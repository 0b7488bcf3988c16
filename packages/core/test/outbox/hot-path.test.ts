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
});
