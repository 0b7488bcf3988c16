// Issue #18: the inbound path (message → history, chat summary, contact, webhook delivery and its outcome)
// must cost the same prepared statements whatever the number of messages a tick carries. Before, the
// webhook deliveries of a tick were a drizzle multi-row insert: every new row count was a statement text of
// its own, parsed and planned anew (and built value by value) — 9 % of the gateway's CPU at 100 msg/s.
import { sql } from "drizzle-orm";
import { createStorage } from "unstorage";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import type { MultiWA } from "../../src/multiwa.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { waitForStatus } from "../../src/testing/wait.js";
import { NEW_DELIVERIES } from "../../src/webhooks/delivery-writes.js";
import { webhookDeliveries } from "../../src/webhooks/table.js";
import { mockGateway } from "../helpers/mock.js";
import { startReceiver } from "./receiver.js";

const ME = "628100000001";
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

it("prepares each inbound statement once, whatever the number of messages in a tick", { timeout: 60_000 }, async () => {
  const receiver = await startReceiver();
  closers.push(receiver.close);
  const database: Database = await openTestDatabase();
  closers.push(() => database.close());
  const { wa, network } = await mockGateway({
    storage: createStorage(),
    database,
    outbound: { allowPrivateTargets: true },
  });
  closers.push(() => (wa as MultiWA).close());
  await wa.profiles.create({ id: "p1", name: "p1" });
  await wa.sessions.start("p1");
  await waitForStatus(wa, "p1", "open");
  await wa.webhooks.create({ url: receiver.url, events: ["message.received"] });

  /** The texts PGlite holds prepared (this client prepares every repeated statement by name). */
  const prepared = async () => {
    const result = await database.db.execute(sql`select statement from pg_prepared_statements`);
    return (result as unknown as { rows: { statement: string }[] }).rows.map((r) => r.statement);
  };
  let sent = 0;
  /** `count` messages from as many phones in one tick; resolves once each webhook arrived and was recorded. */
  const burst = async (count: number) => {
    for (let i = 0; i < count; i++)
      network.phone(`62830000${String(sent++).padStart(4, "0")}`).send(`${ME}@s.whatsapp.net`, {
        type: "text",
        text: `m${sent}`,
      });
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(sent);
    const [hook] = await wa.webhooks.list();
    await expect
      .poll(async () => (await wa.webhooks.deliveries(hook!.id)).delivered.length, { timeout: 20_000 })
      .toBe(sent);
  };
  // Every kind of statement the path makes shows up in the first bursts.
  await burst(1);
  await burst(2);
  const warm = await prepared();
  for (const count of [3, 5, 8]) await burst(count);
  // Analytics merge once a second, a row per profile and day: when that first happens depends on the clock.
  const added = (await prepared()).filter((text) => !warm.includes(text) && !text.includes('"analytics_daily"'));
  expect(added).toEqual([]);
  const history = await wa.chats.list("p1", { limit: 100 });
  expect(history).toHaveLength(sent);
});

const targets: [string, string | undefined][] = [["PGlite", undefined]];
if (await postgresAvailable()) targets.push(["PostgreSQL", TEST_POSTGRES_URL]);

describe.each(targets)("a tick's new deliveries on %s", (_, url) => {
  // The fixed-text insert passes every column as text: nulls, numbers, a body with quotes and backslashes
  // and the trace context (jsonb, read again by every retry's span) must come back as written.
  it("are stored as given, every column", async () => {
    const database = await openTestDatabase(url);
    closers.push(() => database.close());
    const row = (id: string, extra: Partial<typeof webhookDeliveries.$inferInsert> = {}) => ({
      id,
      webhookId: "wh_1",
      event: "message.received",
      profileId: "p1",
      body: JSON.stringify({ text: 'say "hi" \\ back\nnow' }),
      attempts: 0,
      createdAt: 1_700_000_000_123,
      nextAt: 1_700_000_000_123,
      status: "pending" as const,
      lastError: null,
      lastStatus: null,
      deliveredAt: null,
      claimedBy: "n1",
      claimedUntil: 1_700_000_015_123,
      traceContext: null,
      ...extra,
    });
    const written = [
      row("d1", { traceContext: { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" } }),
      row("d2", { profileId: null, claimedBy: null, claimedUntil: null }),
      row("d3", { status: "dead", attempts: 8, lastError: "boom", lastStatus: 500, deliveredAt: 5 }),
    ];
    await database.transaction((tx) => NEW_DELIVERIES.flush(tx, [written.slice(0, 2), written.slice(2)]));
    const stored = await database.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id);
    expect(stored).toEqual(written);
  });
});
