// Issue #18: a cron re-run must clear the previous run's recipients in one statement, not one per row
// (a 100k audience re-run each hour would otherwise issue 100k deletes before its first send).
import { and, count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { campaignRecipients } from "../../src/broadcast/table.js";
import type { Database } from "../../src/db/types.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { mockGateway } from "../helpers/mock.js";

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** The database with every DELETE on campaign_recipients counted. */
function countingDeletes(database: Database): { database: Database; deletes: () => number } {
  let deletes = 0;
  const session = (database.db as unknown as { session: { prepareQuery: (...a: unknown[]) => unknown } }).session;
  const prepare = session.prepareQuery.bind(session);
  const wrapped = Object.create(session) as typeof session;
  wrapped.prepareQuery = (query: unknown, ...rest: unknown[]) => {
    const prepared = prepare(query, ...rest) as { execute: (...a: unknown[]) => Promise<unknown> };
    if (!/^delete from "campaign_recipients"/i.test((query as { sql: string }).sql)) return prepared;
    const execute = prepared.execute.bind(prepared);
    prepared.execute = (...a: unknown[]) => (deletes++, execute(...a));
    return prepared;
  };
  const db = Object.create(database.db) as Database["db"];
  Object.defineProperty(db, "session", { value: wrapped });
  const counted = Object.create(database) as Database;
  Object.defineProperty(counted, "db", { value: db });
  return { database: counted, deletes: () => deletes };
}

describe("cron re-runs", { timeout: 60_000 }, () => {
  it("clear the previous run's recipients in one statement per run", async () => {
    const raw = await openTestDatabase();
    closers.push(() => raw.close());
    const { database, deletes } = countingDeletes(raw);
    const { wa, network } = await mockGateway({ database });
    closers.push(() => wa.close());
    await wa.profiles.create({ id: "p1", name: "p1", workspaceId: "acme" });
    await wa.sessions.start("p1");
    const phones = Array.from({ length: 20 }, (_, i) => `62813000${String(i).padStart(4, "0")}`);
    for (const phone of phones) await wa.contacts.upsert("acme", { phone, tags: ["cron"] });
    const cron = await wa.campaigns.create("acme", {
      name: "Cron",
      profileIds: ["p1"],
      audience: { tags: ["cron"] },
      message: { text: "tick" },
      schedule: { type: "cron", cron: "* * * * * *" },
      pacing: { perMinute: 0, jitterMs: 0, dailyCap: 0 },
    });
    await expect
      .poll(() => network.phone(phones.at(-1)!).messages().length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    await wa.campaigns.cancel("acme", cron.id);
    await new Promise((r) => setTimeout(r, 300));
    const { run } = await wa.campaigns.get("acme", cron.id);
    expect(run).toBeGreaterThanOrEqual(2);
    // One delete as each run begins (its earlier runs' 20 rows at once), none per recipient.
    expect(deletes()).toBe(run);
    const rows = await raw.db
      .select({ run: campaignRecipients.run, n: count() })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.workspaceId, "acme"), eq(campaignRecipients.campaignId, cron.id)))
      .groupBy(campaignRecipients.run);
    expect(rows).toEqual([{ run, n: 20 }]);
  });
});
