// Issue #18: each history entry was two statements (message, chat summary) of its own; a tick's entries
// are now one insert and one summary upsert, and the summary must still count every message of the tick.
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import type { WAMessage } from "../../src/engine/types.js";
import { MessageHistory } from "../../src/history/history.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { TickBatch } from "../../src/util/tick-batch.js";

const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
});
const targets: [string, string | undefined][] = [["PGlite", undefined]];
if (await postgresAvailable()) targets.push(["PostgreSQL", TEST_POSTGRES_URL]);

const message = (id: string, chatId: string, fromMe: boolean, timestamp: number): WAMessage => ({
  id,
  chatId,
  sender: fromMe ? "me@s.whatsapp.net" : chatId,
  fromMe,
  timestamp,
  content: { type: "text", text: id },
});

describe.each(targets)("history entries of one tick on %s", (_, url) => {
  it("are written together, with one summary per chat that counts them all", async () => {
    const database = await openTestDatabase(url);
    opened.push(database);
    let transactions = 0;
    const counted: Database = { ...database, transaction: (fn) => (transactions++, database.transaction(fn)) };
    const history = new MessageHistory(counted, new TickBatch(counted));
    const a = "628111@s.whatsapp.net";
    const b = "628222@s.whatsapp.net";
    await Promise.all([
      history.record("p", message("m1", a, false, 100)),
      history.record("p", message("m2", a, true, 101)),
      history.record("p", message("m3", a, false, 102)),
      history.record("p", message("m4", b, false, 103)),
      // Reported twice in the same tick (a reconnect): one copy, one unread.
      history.record("p", message("m4", b, false, 103)),
    ]);
    expect(transactions).toBe(1);
    const list = await history.chats("p");
    expect(list.map((c) => [c.id, c.unread, c.lastMessage?.id, c.updatedAt])).toEqual([
      [b, 1, "m4", 103],
      [a, 2, "m3", 102],
    ]);
    expect((await history.messages("p", a, { limit: 10 })).messages.map((m) => m.id)).toEqual(["m1", "m2", "m3"]);
    // A later tick adds to the counts instead of replacing them.
    await history.record("p", message("m5", a, false, 104));
    expect((await history.chat("p", a))?.unread).toBe(3);
    // One statement for the tick whatever its size (#18): same-millisecond messages keep the order they came in,
    // text with quotes, backslashes and newlines arrives intact, and a message reported again is one entry.
    const same = ["s3", "s1", "s2"].map((id) => message(id, b, false, 200));
    same[0]!.content = { type: "text", text: 'say "hi" \\ back\nnow' };
    await Promise.all([...same, same[1]!].map((m) => history.record("p", m)));
    const page = (await history.messages("p", b, { limit: 10 })).messages;
    expect(page.map((m) => m.id)).toEqual(["m4", "s3", "s1", "s2"]);
    expect(page[1]!.content).toEqual({ type: "text", text: 'say "hi" \\ back\nnow' });
    expect(await history.chat("p", b)).toMatchObject({ unread: 4, updatedAt: 200, lastMessage: { id: "s2" } });
  });
});
