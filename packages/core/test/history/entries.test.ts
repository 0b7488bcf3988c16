// Issue #18: each history entry was two statements (message, chat summary) of its own; a tick's entries
// are now one insert and one summary upsert, and the summary must still count every message of the tick.
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import type { WAMessage } from "../../src/engine/types.js";
import { MessageHistory } from "../../src/history/history.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { TickBatch } from "../../src/util/tick-batch.js";

let database: Database | undefined;
afterAll(() => database?.close());

const message = (id: string, chatId: string, fromMe: boolean, timestamp: number): WAMessage => ({
  id,
  chatId,
  sender: fromMe ? "me@s.whatsapp.net" : chatId,
  fromMe,
  timestamp,
  content: { type: "text", text: id },
});

describe("history entries of one tick", () => {
  it("are written together, with one summary per chat that counts them all", async () => {
    database = await openTestDatabase();
    let transactions = 0;
    const counted: Database = { ...database, transaction: (fn) => (transactions++, database!.transaction(fn)) };
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
  });
});
