import { describe, expect, it, onTestFinished } from "vitest";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { TickBatch } from "../../src/util/tick-batch.js";
import { Analytics } from "../../src/analytics/analytics.js";
import { AuditLog, auditToCsv } from "../../src/audit/audit-log.js";

// The first database of a process starts WASM Postgres: seconds on a busy machine.
describe("audit log", { timeout: 120_000 }, () => {
  it("records, filters by organization, actor, action and time, newest first, and exports CSV", async () => {
    const database = await openTestDatabase();
    onTestFinished(() => database.close());
    const log = new AuditLog(database.db);
    const base = { actor: { kind: "key" as const, id: "k1", name: "ci" }, status: 200 };
    await log.record({ ...base, organizationId: "acme", action: "POST /api/profiles", at: 1000 });
    await log.record({
      ...base,
      organizationId: "acme",
      action: "DELETE /api/profiles/{id}",
      at: 2000,
      summary: { note: 'has "quotes", commas' },
    });
    await log.record({ ...base, organizationId: "other", action: "POST /api/profiles", at: 3000 });
    await log.record({
      ...base,
      actor: { kind: "user", id: "u1" },
      organizationId: "acme",
      action: "POST /api/keys",
      at: 4000,
    });
    expect((await log.query({ organizationId: "acme" })).map((e) => e.at)).toEqual([4000, 2000, 1000]);
    expect((await log.query({ organizationId: "acme", actorId: "k1" })).map((e) => e.at)).toEqual([2000, 1000]);
    expect((await log.query({ organizationId: "acme", from: 1500, to: 3500 })).map((e) => e.action)).toEqual([
      "DELETE /api/profiles/{id}",
    ]);
    expect((await log.query({ action: "POST /api/profiles" })).map((e) => e.organizationId).sort()).toEqual([
      "acme",
      "other",
    ]);
    const csv = auditToCsv(await log.query({ organizationId: "acme", action: "DELETE" }));
    expect(csv.split("\r\n")[0]).toContain("actor_id");
    expect(csv).toContain('"{""note"":""has \\""quotes\\"", commas""}"');
  });
});

const targets: [string, string | undefined][] = [["PGlite", undefined]];
if (await postgresAvailable()) targets.push(["PostgreSQL", TEST_POSTGRES_URL]);

describe.each(targets)("audit entries of one tick on %s", (_, url) => {
  // #18: a tick's entries (one per accepted send) are one statement of fixed text: every column, nulls and a
  // summary with quotes and backslashes must arrive as written, whatever the number of rows.
  it("are written together, each as recorded", { timeout: 120_000 }, async () => {
    const database = await openTestDatabase(url);
    onTestFinished(() => database.close());
    let transactions = 0;
    const counted = {
      ...database,
      transaction: <T>(fn: Parameters<typeof database.transaction<T>>[0]) => (transactions++, database.transaction(fn)),
    };
    const log = new AuditLog(database.db, { batch: new TickBatch(counted) });
    const written = await Promise.all([
      log.record({
        actor: { kind: "key", id: "k1", name: "ci" },
        organizationId: "acme",
        workspaceId: "w",
        action: "POST /api/profiles/{id}/messages",
        target: "/api/profiles/p/messages",
        ip: "10.0.0.1",
        status: 202,
        summary: { text: 'a "b" \\ c\nd' },
        at: 5000,
      }),
      log.record({ actor: { kind: "system", id: "retention" }, action: "prune", status: 200, at: 5001 }),
      log.record({
        actor: { kind: "user", id: "u1" },
        organizationId: "acme",
        action: "DELETE /api/keys/{id}",
        status: 200,
        at: 5002,
      }),
    ]);
    expect(transactions).toBe(1);
    const all = await log.query();
    expect(all.map((e) => e.id)).toEqual(written.map((e) => e.id).reverse());
    expect(all[2]).toEqual(written[0]);
    expect(all[1]).toEqual(written[1]);
    expect(all[0]).toMatchObject({ organizationId: "acme", actor: { kind: "user", id: "u1" }, status: 200 });
  });
});

describe("analytics", { timeout: 120_000 }, () => {
  it("counts per profile and day incrementally, with active contacts and response times", async () => {
    let now = Date.UTC(2026, 10, 24, 10, 0, 0);
    const database = await openTestDatabase();
    onTestFinished(() => database.close());
    const a = new Analytics(database.db, () => now);
    a.received("p1", "c1", "alice");
    a.received("p1", "c1", "alice");
    a.received("p1", "c2", "bob");
    now += 4000;
    a.sent("p1", "c1");
    a.sent("p1", "c1");
    a.count("p1", "delivered", 2);
    a.count("p1", "read");
    a.count("p1", "failed");
    await a.flush();
    now = Date.UTC(2026, 10, 25, 9, 0, 0);
    a.received("p1", "c1", "alice");
    a.sent("p2", "c9");
    const { days, totals } = await a.summary(["p1", "p2"]);
    expect(days.map((d) => [d.profileId, d.day])).toEqual([
      ["p1", "2026-11-24"],
      ["p1", "2026-11-25"],
      ["p2", "2026-11-25"],
    ]);
    expect(days[0]).toMatchObject({
      received: 3,
      sent: 2,
      delivered: 2,
      read: 1,
      failed: 1,
      activeContacts: 2,
      responses: 1,
      responseMsTotal: 4000,
      responseMsMax: 4000,
    });
    expect(days[1]).toMatchObject({ received: 1, activeContacts: 1 });
    expect(totals).toMatchObject({ received: 4, sent: 3 });
    expect((await a.summary(["p1"], { from: "2026-11-25" })).days).toHaveLength(1);
  });

  it("adds counts from two nodes counting the same profile and day (a profile that moved) without losing any (#18)", async () => {
    const database = await openTestDatabase();
    onTestFinished(() => database.close());
    const now = () => Date.UTC(2026, 10, 24, 12, 0, 0);
    // #18: each node merged its counts into a read-modify-write of one key; the second writer overwrote the first.
    const a = new Analytics(database.db, now);
    const b = new Analytics(database.db, now);
    for (let i = 0; i < 50; i++) (i % 2 ? a : b).count("p", "sent");
    a.sent("p", "c1"); // no response pending: only counted
    await Promise.all([a.flush(), b.flush()]);
    const { days } = await b.summary(["p"]);
    expect(days).toEqual([expect.objectContaining({ profileId: "p", day: "2026-11-24", sent: 51 })]);
  });
});
