import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Analytics } from "../analytics/analytics.js";
import { AuditLog } from "../audit/audit-log.js";
import { RecipientList, removeRecipientLists } from "../broadcast/audience.js";
import { RecipientFreeze } from "../broadcast/freeze.js";
import { CampaignRecords, emptyCounters } from "../broadcast/records.js";
import type { RecipientState } from "../broadcast/table.js";
import { ContactStore } from "../contacts/store.js";
import { ApiKeys } from "../auth/api-keys.js";
import { FlowStore } from "../automation/flows-store.js";
import { currentRevision } from "../automation/revisions.js";
import { RuleStore } from "../automation/rules-store.js";
import { DurableTimers } from "../automation/timers.js";
import { applyMigrations } from "../db/migrate.js";
import type { Database } from "../db/types.js";
import { PlatformIdStore } from "../platform-ids/store.js";
import { ProfileStore } from "../session/profiles.js";
import { Tenancy } from "../tenancy/tenancy.js";
import { TemplateStore } from "../templates/store.js";

export interface RecordsSuiteOptions {
  name: string;
  /** A fresh, migrated, empty database (the suite closes it when done). */
  open(): Promise<Database>;
  /** Runs the suite only when this resolves true (e.g. the service answers). @default always */
  available?(): Promise<boolean> | boolean;
}

/** What MultiWA needs from its records database; run on PGlite and on a real PostgreSQL. */
export function testRecords(options: RecordsSuiteOptions): void {
  // Opening PGlite runs WASM Postgres; on a busy machine that takes far longer than a query.
  describe(`records conformance: ${options.name}`, { timeout: 120_000 }, () => {
    let database: Database | undefined;
    let skip = false;
    const db = () => database!;

    beforeAll(async () => {
      skip = options.available ? !(await options.available()) : false;
      if (!skip) database = await options.open();
    }, 180_000);

    afterAll(async () => {
      await database?.close();
    });

    it("has every migration applied once; applying again is a no-op", async (ctx) => {
      if (skip) return ctx.skip();
      expect(await applyMigrations(db().db)).toBe(0);
      const rows = await db().db.execute<{ name: string }>(sql`select name from multiwa_migrations`);
      expect((rows as unknown as { rows: { name: string }[] }).rows.map((r) => r.name)).toEqual(["0000_init"]);
    });

    it("commits a transaction that resolves and rolls back one that throws", async (ctx) => {
      if (skip) return ctx.skip();
      await db().db.execute(sql`create table suite_tx (id int primary key)`);
      await db().transaction(async (tx) => {
        await tx.execute(sql`insert into suite_tx values (1)`);
      });
      await expect(
        db().transaction(async (tx) => {
          await tx.execute(sql`insert into suite_tx values (2)`);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      const rows = await db().db.execute<{ id: number }>(sql`select id from suite_tx order by id`);
      expect((rows as unknown as { rows: { id: number }[] }).rows).toEqual([{ id: 1 }]);
      await db().db.execute(sql`drop table suite_tx`);
    });

    it("audit: pages newest first by keyset, filters, and prunes past the retention in batches", async (ctx) => {
      if (skip) return ctx.skip();
      const now = Date.UTC(2026, 0, 1);
      const log = new AuditLog(db().db, { now: () => now });
      const actor = { kind: "key" as const, id: "k1" };
      for (let i = 0; i < 600; i++) {
        await log.record({
          actor,
          organizationId: i % 2 ? "acme" : "other",
          action: `POST /api/x${i % 3}`,
          status: 200,
          at: now - (600 - i) * 3_600_000,
        });
      }
      const first = await log.query({ organizationId: "acme", limit: 100 });
      expect(first).toHaveLength(100);
      const second = await log.query({ organizationId: "acme", limit: 100, before: first.at(-1)!.id });
      expect(second[0]!.at).toBeLessThan(first.at(-1)!.at);
      expect(new Set([...first, ...second].map((e) => e.id)).size).toBe(200);
      expect((await log.query({ action: "x1", limit: 5000 })).every((e) => e.action.endsWith("x1"))).toBe(true);
      // 600 hourly entries = 25 days; 10 days kept = 240 entries; a batch deletes at most its limit.
      const before = now - 10 * 86_400_000;
      expect(await log.prune(before, 100)).toBe(100);
      expect(await log.prune(before, 1000)).toBe(600 - 240 - 100);
      expect(await log.query({ limit: 5000 })).toHaveLength(240);
      expect(await log.prune(before, 1000)).toBe(0);
    });

    it("templates: category filter, keyset pages and usage counted by concurrent increments", async (ctx) => {
      if (skip) return ctx.skip();
      const store = new TemplateStore(db().db);
      for (let i = 0; i < 5; i++)
        await store.create("suite", { name: `t${i}`, category: i % 2 ? "odd" : "even", body: "Hi {{name}}" });
      const first = await store.list("suite", { limit: 2 });
      const rest = await store.list("suite", { after: first.at(-1)!.id });
      // Templates created within one millisecond tie on createdAt and are ordered by their random ids, so
      // the pages are checked to cover every template exactly once, not for creation order (flaked in CI).
      expect([...first, ...rest].map((t) => t.name).sort()).toEqual(["t0", "t1", "t2", "t3", "t4"]);
      expect((await store.list("suite", { category: "odd" })).map((t) => t.name).sort()).toEqual(["t1", "t3"]);
      await Promise.all(Array.from({ length: 10 }, () => store.recordUse("suite", first[0]!.id, 2)));
      expect((await store.get("suite", first[0]!.id)).usage.timesUsed).toBe(20);
      await store.removeWorkspace("suite");
      expect(await store.list("suite")).toEqual([]);
    });

    it("tenancy: finds keys by hash, users by unique email, members by user and by organization", async (ctx) => {
      if (skip) return ctx.skip();
      const tenancy = new Tenancy(db().db);
      const keys = new ApiKeys(db().db);
      await tenancy.organizations.ensureDefaults();
      await tenancy.organizations.ensureDefaults();
      await tenancy.organizations.createOrganization({ id: "acme", name: "Acme" });
      await tenancy.organizations.createWorkspace("acme", { id: "sales", name: "Sales" });
      await expect(tenancy.organizations.createWorkspace("acme", { id: "sales", name: "Again" })).rejects.toMatchObject(
        { code: "ALREADY_EXISTS" },
      );
      expect((await tenancy.organizations.workspaces("acme")).map((w) => w.id)).toEqual(["sales"]);
      const user = await tenancy.users.create({
        email: "Suite@Example.com",
        name: "Suite",
        password: "a long password",
      });
      // Two creations of one email racing: the unique index lets exactly one through.
      const race = await Promise.allSettled(
        [1, 2].map(() => tenancy.users.create({ email: "race@example.com", name: "R", password: "a long password" })),
      );
      expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((await tenancy.users.findByEmail("SUITE@example.com"))?.id).toBe(user.id);
      await tenancy.members.add("acme", user.id, { sales: "agent" });
      await tenancy.members.add("default", user.id, { "*": "viewer" });
      expect(await tenancy.members.organizationsOf(user.id)).toEqual(["acme", "default"]);
      expect((await tenancy.members.list("acme")).map((m) => m.userId)).toEqual([user.id]);
      const { token } = await tenancy.members.invite(
        "acme",
        { email: "new@example.com", roles: { sales: "viewer" } },
        "suite",
      );
      // Taking an invitation is one delete: of two nodes accepting at once, one wins.
      const takes = await Promise.allSettled([
        tenancy.members.takeInvitation(token),
        tenancy.members.takeInvitation(token),
      ]);
      expect(takes.filter((t) => t.status === "fulfilled")).toHaveLength(1);
      const { key, token: secret } = await keys.create({ name: "suite", organizationId: "acme", workspaceId: "sales" });
      await keys.create({ name: "operator" }, "an-operator-chosen-secret");
      await expect(keys.create({ name: "same secret" }, "an-operator-chosen-secret")).rejects.toMatchObject({
        code: "ALREADY_EXISTS",
      });
      expect((await keys.verify(secret))?.id).toBe(key.id);
      expect((await keys.verify("an-operator-chosen-secret"))?.name).toBe("operator");
      expect((await keys.list({ organizationId: "acme" })).map((k) => k.id)).toEqual([key.id]);
      expect(await keys.count()).toBe(2);
    });

    it("automation lists page by keyset: every rule and flow once, even when a rule is added between pages (#18)", async (ctx) => {
      if (skip) return ctx.skip();
      const rules = new RuleStore(db().db);
      const flows = new FlowStore(db().db);
      const reply = [{ type: "reply" as const, text: "x" }];
      for (const [name, priority] of [
        ["a", 3],
        ["b", 3],
        ["c", 1],
        ["d", 1],
        ["e", 0],
      ] as const)
        await rules.create("paged", { name, priority, trigger: { type: "keyword", keywords: [name] }, actions: reply });
      for (const name of ["f1", "f2", "f3"]) await flows.create("paged", { name });
      // Ties within a priority go by creation time then id, so the whole list is the reference order.
      const order = (await rules.list("paged")).map((r) => r.name);
      expect(order.map((n) => n.replace(/[ab]/, "ab").replace(/[cd]/, "cd"))).toEqual(["ab", "ab", "cd", "cd", "e"]);
      const first = await rules.page("paged", { limit: 2 });
      expect(first.items.map((r) => r.name)).toEqual(order.slice(0, 2));
      // Lands ahead of the first page: an offset would now repeat "b"; the cursor goes on after it.
      await rules.create("paged", {
        name: "top",
        priority: 9,
        trigger: { type: "keyword", keywords: ["t"] },
        actions: reply,
      });
      const seen = [...first.items];
      for (let after = first.nextCursor; after;) {
        const page = await rules.page("paged", { limit: 2, after });
        seen.push(...page.items);
        after = page.nextCursor;
      }
      expect(seen.map((r) => r.name)).toEqual(order);
      const f1 = await flows.page("paged", { limit: 2 });
      const f2 = await flows.page("paged", { limit: 2, after: f1.nextCursor });
      expect([...f1.items, ...f2.items].map((f) => f.name)).toEqual((await flows.list("paged")).map((f) => f.name));
      expect(f1.items).toHaveLength(2);
      expect(f2.nextCursor).toBeUndefined();
      await expect(rules.page("paged", { after: "nope" })).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
        details: { field: "after" },
      });
    });

    it("automation: rules in priority order, revisions bumped by every write, versions, timers by due time", async (ctx) => {
      if (skip) return ctx.skip();
      const rules = new RuleStore(db().db);
      const reply = [{ type: "reply" as const, text: "x" }];
      const low = await rules.create("auto", {
        name: "low",
        priority: 1,
        trigger: { type: "keyword", keywords: ["a"] },
        actions: reply,
      });
      const high = await rules.create("auto", {
        name: "high",
        priority: 5,
        trigger: { type: "keyword", keywords: ["b"] },
        actions: reply,
      });
      await rules.create("auto", {
        name: "cron",
        trigger: { type: "schedule", cron: "0 9 * * *", chatIds: ["628111"] },
        actions: reply,
      });
      expect((await rules.list("auto")).map((r) => r.name)).toEqual(["high", "low", "cron"]);
      const before = await currentRevision(db().db, "auto");
      // Two patches at once each keep the other's field (the row is locked for the merge).
      await Promise.all([
        rules.update("auto", low.id, { name: "renamed" }),
        rules.update("auto", low.id, { priority: 9 }),
      ]);
      expect(await rules.get("auto", low.id)).toMatchObject({ name: "renamed", priority: 9 });
      await rules.remove("auto", high.id);
      expect(await currentRevision(db().db, "auto")).toBe(before + 3);
      expect((await rules.scheduled()).map((r) => r.name)).toEqual(["cron"]);

      const flows = new FlowStore(db().db);
      const flow = await flows.create("auto", { name: "f" });
      await flows.saveVersion("auto", flow.id);
      await flows.update("auto", flow.id, { name: "f2" });
      await flows.saveVersion("auto", flow.id);
      expect((await flows.versions("auto", flow.id)).map((v) => v.version)).toEqual([1, 2]);
      expect((await flows.get("auto", flow.id)).version).toBe(2);
      await flows.remove("auto", flow.id);
      await expect(flows.versions("auto", flow.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

      const fired: string[] = [];
      const logger = { debug() {}, info() {}, warn() {}, error() {} };
      const timers = new DurableTimers({
        db: db().db,
        logger,
        owns: (p) => p === "mine",
        fire: async (t) => void fired.push(t.id),
        sweepMs: 60_000,
      });
      await timers.add({
        id: "later",
        dueAt: Date.now() + 86_400_000,
        profileId: "mine",
        kind: "rule_delay",
        payload: {},
      });
      await timers.add({ id: "theirs", dueAt: Date.now() - 1, profileId: "other", kind: "rule_delay", payload: {} });
      await timers.add({ id: "due", dueAt: Date.now() - 1, profileId: "mine", kind: "rule_delay", payload: {} });
      await timers.restore();
      await expect.poll(() => fired).toEqual(["due"]);
      // Another node's profile: left for its owner; the far one is not due.
      expect(await timers.restore()).toBe(1);
      timers.stop();
      await timers.removeProfile("other");
      await timers.removeProfile("mine");
    });

    it("analytics: counters added by upserts of increments, read by profile and day range", async (ctx) => {
      if (skip) return ctx.skip();
      let now = Date.UTC(2026, 0, 1, 12);
      const [a, b] = [new Analytics(db().db, () => now), new Analytics(db().db, () => now)];
      a.count("pa", "sent", 3);
      b.count("pa", "sent", 4);
      b.count("pb", "failed");
      await Promise.all([a.flush(), b.flush()]);
      now += 86_400_000;
      a.count("pa", "read");
      const { days, totals } = await b.summary(["pb", "pa"], { from: "2026-01-01" });
      expect(days.map((d) => [d.profileId, d.day, d.sent])).toEqual([
        ["pb", "2026-01-01", 0],
        ["pa", "2026-01-01", 7],
      ]);
      expect(totals).toMatchObject({ sent: 7, failed: 1, read: 0 }); // a's second day is not flushed by b
      expect((await a.summary(["pa"], { to: "2026-01-01" })).days).toHaveLength(1);
      expect((await a.summary(["pa"], { from: "2026-01-02" })).days.map((d) => d.read)).toEqual([1]);
    });

    it("profiles: one statement per update keeps concurrent fields, lists a workspace by index", async (ctx) => {
      if (skip) return ctx.skip();
      const store = new ProfileStore(db().db);
      for (const [id, workspaceId] of [
        ["p1", "w1"],
        ["p2", "w2"],
        ["p3", "w1"],
      ] as const)
        await store.create({ id, name: id, engine: "mock", workspaceId });
      await expect(store.create({ id: "p1", name: "again", engine: "mock", workspaceId: "w1" })).rejects.toMatchObject({
        code: "PROFILE_EXISTS",
      });
      await Promise.all([
        store.update("p1", { status: "open", me: { jid: "1@s.whatsapp.net" } }),
        store.update("p1", { desired: "running" }),
        store.update("p1", { name: "renamed" }),
      ]);
      expect(await store.get("p1")).toMatchObject({
        status: "open",
        desired: "running",
        name: "renamed",
        me: { jid: "1@s.whatsapp.net" },
      });
      expect((await store.list({ workspaceId: "w1" })).map((p) => p.id)).toEqual(["p1", "p3"]);
      expect((await store.list({ desired: "running" })).map((p) => p.id)).toEqual(["p1"]);
      await store.remove("p1");
      expect(await store.find("p1")).toBeNull();
    });

    it("campaign freeze (#18): two nodes freezing one run at once, and a restart between pages, leave every recipient exactly once", async (ctx) => {
      if (skip) return ctx.skip();
      const contacts = new ContactStore(db().db);
      for (let i = 0; i < 23; i++)
        await contacts.upsert("race", { phone: `6281300000${String(i).padStart(2, "0")}`, tags: ["all"] });
      const saved = new CampaignRecords(db().db);
      const now = Date.now();
      await saved.insert({
        id: "cmp_race",
        name: "race",
        workspaceId: "race",
        status: "running",
        profileIds: ["p"],
        message: { text: "hi" },
        audience: { tags: ["all"] },
        schedule: { type: "now" },
        pacing: { perMinute: 0, jitterMs: 0, dailyCap: 0 },
        skipNotOnWhatsApp: false,
        run: 0,
        progress: emptyCounters(),
        createdAt: now,
        updatedAt: now,
      });
      await saved.startRun("race", "cmp_race", 1, 0, {}, false);
      // Two named contacts already tagged, one CSV row of someone new.
      const audience = { tags: ["all"], contactIds: ["628130000001", "628130000022"], csv: "phone\n628139999999" };
      const freezer = () =>
        new RecipientFreeze(db().db, contacts, "race", "cmp_race", 1, async () => audience, ["all"]);
      // The first page, then the process "restarts": a new freezer per step from here on.
      expect(await freezer().step(4)).toEqual({ total: 4, frozen: false });
      // Two nodes resume the same run together, page by page, until it is complete.
      const node = async () => {
        for (;;) {
          const step = await freezer().step(3);
          if (!step || step.frozen) return;
        }
      };
      await Promise.all([node(), node()]);
      const rows = await db().db.execute<{ seq: number; contact_id: string }>(
        sql`select seq, contact_id from campaign_recipients where workspace_id = 'race' and campaign_id = 'cmp_race' and run = 1 order by seq`,
      );
      const list = (rows as unknown as { rows: { seq: number; contact_id: string }[] }).rows;
      expect(list.map((r) => Number(r.seq))).toEqual(Array.from({ length: 24 }, (_, i) => i));
      expect(new Set(list.map((r) => r.contact_id)).size).toBe(24);
      expect(list.at(-1)?.contact_id).toBe("628139999999");
      expect(await saved.runState("race", "cmp_race")).toMatchObject({ run: 1, total: 24, frozen: true });
      expect((await saved.find("race", "cmp_race"))?.progress).toMatchObject({ total: 24, pending: 24 });
      // Gone again: the suites share one database, and the campaigns test lists every active campaign.
      await removeRecipientLists(db().db, "race", "cmp_race");
      await saved.remove("race", "cmp_race");
      await contacts.removeWorkspace("race");
    });

    it("campaigns (#18): a tag audience frozen by keyset pages that resume where the last one ended, named ones appended once, counters moved by set-based updates, keyset lists", async (ctx) => {
      if (skip) return ctx.skip();
      const contacts = new ContactStore(db().db);
      for (let i = 0; i < 5; i++)
        await contacts.upsert("cmp", { phone: `6281200000${i}`, name: `c${i}`, tags: i < 3 ? ["news"] : [] });
      const list = new RecipientList(db().db, "cmp", "cmp_1", 1);
      const csv = "phone,name\n62812000004,Four\n62812000009,Nine";
      const saved = new CampaignRecords(db().db);
      const now = Date.now();
      const base = {
        workspaceId: "cmp",
        status: "running" as const,
        profileIds: ["p"],
        message: { text: "hi" },
        audience: { tags: ["news"] },
        schedule: { type: "now" as const },
        pacing: { perMinute: 0, jitterMs: 0, dailyCap: 0 },
        skipNotOnWhatsApp: false,
        run: 0,
        progress: emptyCounters(),
        updatedAt: now,
      };
      await saved.insert({ ...base, id: "cmp_1", name: "one", createdAt: now });
      await saved.startRun("cmp", "cmp_1", 1, 0, {}, false);
      const audience = { tags: ["news"], contactIds: ["62812000001", "62812000003"], csv };
      const freezer = () => new RecipientFreeze(db().db, contacts, "cmp", "cmp_1", 1, async () => audience, ["news"]);
      expect(
        await new RecipientFreeze(db().db, contacts, "cmp", "cmp_1", 2, async () => audience, ["news"]).step(2),
      ).toBeUndefined(); // not the current run
      expect(await freezer().step(2)).toEqual({ total: 2, frozen: false });
      expect(await saved.runState("cmp", "cmp_1")).toEqual({ run: 1, cursor: 0, total: 2, frozen: false });
      // A new freezer (a restart, another node) goes on after the last committed page: nobody twice, nobody lost.
      expect(await freezer().step(2)).toEqual({ total: 6, frozen: true });
      expect(await freezer().step(2)).toBeUndefined(); // complete: nothing more to freeze
      expect(await list.get(0)).toEqual({
        key: "62812000000",
        jid: "62812000000@s.whatsapp.net",
        fields: {},
      }); // ids only: name, phone and fields are read at send time
      expect(await Promise.all([3, 4, 5].map(async (i) => (await list.get(i)).key))).toEqual([
        "62812000003",
        "62812000004",
        "62812000009",
      ]);
      expect((await saved.find("cmp", "cmp_1"))?.progress).toMatchObject({ total: 6, pending: 6 });
      // The campaign row keeps the run's counters; states and counters move in one statement.
      const states = new Map<number, RecipientState>([
        [0, "sent"],
        [1, "skipped"],
        [2, "sent"],
      ]);
      expect((await saved.saveStates("cmp", "cmp_1", 1, states))?.progress).toMatchObject({
        total: 6,
        sent: 2,
        skipped: 1,
        pending: 3,
      });
      // The same states again move nothing; a later state moves one recipient between two counters.
      await saved.saveStates("cmp", "cmp_1", 1, states);
      const moved = await saved.saveStates("cmp", "cmp_1", 1, new Map([[0, "delivered"]]));
      expect(moved).toEqual({
        status: "running",
        progress: {
          total: 6,
          pending: 3,
          queued: 0,
          sent: 1,
          delivered: 1,
          read: 0,
          failed: 0,
          skipped: 1,
          notOnWhatsApp: 0,
        },
      });
      expect((await saved.find("cmp", "cmp_1"))?.progress).toEqual(moved?.progress);
      expect(await saved.saveStates("cmp", "cmp_1", 2, new Map([[3, "sent"]]))).toBeUndefined(); // not the current run
      expect((await list.handled()).map((r) => r.seq).sort()).toEqual([0, 1, 2]);
      await saved.saveCursor("cmp", "cmp_1", 1, 50);
      await saved.saveCursor("cmp", "cmp_1", 1, 10); // a late save of an older cursor
      expect(await saved.runState("cmp", "cmp_1")).toEqual({ run: 1, cursor: 50, total: 6, frozen: true });
      // Lists page by (created_at, id) with `after`, and filter by status.
      for (const i of [2, 3, 4])
        await saved.insert({ ...base, id: `cmp_${i}`, name: `n${i}`, status: "draft", createdAt: now + i });
      const page = await saved.list("cmp", { limit: 2 });
      expect(page.map((c) => c.id)).toEqual(["cmp_1", "cmp_2"]);
      expect((await saved.list("cmp", { limit: 2, after: "cmp_2" })).map((c) => c.id)).toEqual(["cmp_3", "cmp_4"]);
      expect((await saved.list("cmp", { status: "running" })).map((c) => c.id)).toEqual(["cmp_1"]);
      expect((await saved.active()).map((c) => c.id)).toEqual(["cmp_1"]);
      await removeRecipientLists(db().db, "cmp", "cmp_1");
      expect(await list.handled()).toEqual([]);
      for (const i of [1, 2, 3, 4]) await saved.remove("cmp", `cmp_${i}`);
      expect(await saved.list("cmp")).toEqual([]);
      await contacts.removeWorkspace("cmp");
    });

    it("platform message ids (#22): linked both ways per profile, media kept on relink, pruned by age", async (ctx) => {
      if (skip) return ctx.skip();
      const store = new PlatformIdStore(db().db);
      const a = store.forProfile("pid-a");
      await a.link("MSG1", "wamid.one");
      await a.link("wamid.in", "wamid.in", "media-7");
      expect(await a.idOf("wamid.one")).toBe("MSG1");
      expect(await a.platformIdOf("MSG1")).toBe("wamid.one");
      expect(await a.mediaOf("wamid.in")).toBe("media-7");
      // A webhook seen again relinks without its media: the media id stays.
      await a.link("wamid.in", "wamid.in");
      expect(await a.mediaOf("wamid.in")).toBe("media-7");
      expect(await store.forProfile("pid-b").idOf("wamid.one")).toBeUndefined();
      expect(await store.prune(Date.now() - 60_000)).toBe(0);
      expect(await store.prune(Date.now() + 1, 1)).toBe(1);
      expect(await store.prune(Date.now() + 1)).toBe(1);
      await a.link("MSG2", "wamid.two");
      await store.removeProfile("pid-a");
      expect(await a.idOf("wamid.two")).toBeUndefined();
    });

    it("refuses a database made by another development build of the schema", async (ctx) => {
      if (skip) return ctx.skip();
      const changed = [{ name: "0000_init", hash: "another-build", statements: [] }];
      await expect(applyMigrations(db().db, changed)).rejects.toMatchObject({ code: "STORAGE_FAILED" });
    });
  });
}
