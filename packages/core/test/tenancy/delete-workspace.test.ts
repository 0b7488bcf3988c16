// Issue #18: deleteProfile and deleteWorkspace must remove every row and key they own, counted in every
// table of the schema that has a workspace_id or profile_id column, and in every unstorage key. Generic
// on purpose: a table added later is counted without touching this test. Issue #19 item 2: every key
// written is claimed by the keyspace registry, and the fixture reaches every scoped entry of it (a
// deleted profile's call settings used to stay: nothing called `calls.removeProfile`).
import { count, eq, getTableColumns, is } from "drizzle-orm";
import { PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../src/db/schema.js";
import type { Database } from "../../src/db/types.js";
import type { MockNetwork } from "../../src/engines/mock.js";
import type { MultiWA } from "../../src/multiwa.js";
import { KEYSPACE, keyspaceOf } from "../../src/storage/keyspace.js";
import { openTestDatabase } from "../../src/testing/database.js";
import { mockGateway } from "../helpers/mock.js";

type Owner = "workspaceId" | "profileId";
const tables = Object.entries(schema as Record<string, unknown>).filter((entry): entry is [string, PgTable] =>
  is(entry[1], PgTable),
);

/** Rows per table whose `column` is `value`, for every table that has the column. */
async function rows(database: Database, column: Owner, value: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, table] of tables) {
    const col = (getTableColumns(table) as Record<string, PgColumn>)[column];
    if (!col) continue;
    const [row] = await database.db.select({ n: count() }).from(table).where(eq(col, value));
    counts[name] = row!.n;
  }
  return counts;
}

/** Key-value keys naming `id` as their owner segment (`auth:<profile>:…`, `profile-settings:<profile>`, …). */
async function keys(wa: MultiWA, id: string): Promise<string[]> {
  return (await wa.storage.getKeys()).filter((k) => k.split(":").includes(id));
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("deleting a workspace or a profile", { timeout: 120_000 }, () => {
  let database: Database;
  let wa: MultiWA;

  beforeAll(async () => {
    database = await openTestDatabase();
    let network: MockNetwork;
    ({ wa, network } = await mockGateway({ database, automation: { clockMs: 50 } }));
    await wa.tenancy.organizations.createOrganization({ id: "acme", name: "Acme" });
    for (const ws of ["doomed", "kept"]) {
      await wa.tenancy.organizations.createWorkspace("acme", { id: ws, name: ws });
      await wa.profiles.create({ id: `p-${ws}`, name: ws, workspaceId: ws });
      await wa.sessions.start(`p-${ws}`);
      await wa.messages.sendAndWait(`p-${ws}`, { to: "628200000002", content: { type: "text", text: `from ${ws}` } });
      // Labels (#21): rows in labels/label_associations and the profile's label-settings key.
      const label = await wa.labels.create(`p-${ws}`, { name: `VIP ${ws}` });
      await wa.labels.labelChat(`p-${ws}`, label.id, { chatId: "628200000002" }, true);
      await wa.labels.putSettings(`p-${ws}`, { syncTags: true });
      // WhatsApp's limits (#21): the profile's profile-limits key, from the limit its account is given.
      network.limits.set("628100000001", { kind: "reachout_timelock", until: Date.now() + 60_000 });
      while (!(await wa.limits.get(`p-${ws}`)).limited) await new Promise((r) => setTimeout(r, 10));
      network.limits.set("628100000001", null); // lifted: the key stays, and the campaign below may send
      while ((await wa.limits.get(`p-${ws}`)).limited) await new Promise((r) => setTimeout(r, 10));
      // History import status (#21): the profile's history-status key, from an on-demand fetch's import.
      await wa.chats.fetchHistory(`p-${ws}`, "628200000002", 5);
      while (!(await wa.chats.historyStatus(`p-${ws}`)).lastProgressAt) await new Promise((r) => setTimeout(r, 10));
      await wa.contacts.upsert(ws, { phone: "628200000002", name: "Peer", tags: ["vip"] });
      await wa.templates.create(ws, { name: `hello ${ws}`, body: "Hi {{name}}" });
      // Key-value entries of every scope: call settings, a workspace setting, a schedule, a daily cap.
      await wa.calls.putSettings(`p-${ws}`, { autoReject: true });
      await wa.settings.put(`p-${ws}`, { note: "engine setting" });
      await wa.proxies.put(`p-${ws}`, { proxies: [{ url: "http://127.0.0.1:3128" }] });
      await wa.automation.settings.put(ws, {});
      await wa.automation.rules.create(ws, {
        name: "daily",
        trigger: { type: "schedule", cron: "0 9 * * *", chatIds: ["628200000002"] },
        actions: [{ type: "reply", text: "good morning" }],
        cooldownMs: 3_600_000,
      });
      const campaign = await wa.campaigns.create(ws, {
        name: "capped",
        profileIds: [`p-${ws}`],
        audience: { tags: ["vip"] },
        message: { text: "Hello {{name}}" },
        pacing: { perMinute: 0, jitterMs: 0, dailyCap: 5 },
      });
      for (let i = 0; i < 400 && (await wa.campaigns.get(ws, campaign.id)).status !== "completed"; i++)
        await new Promise((r) => setTimeout(r, 50));
      await wa.apiKeys.create({ name: `bot ${ws}`, organizationId: "acme", workspaceId: ws });
      await wa.audit.record({
        actor: { kind: "system", id: "test" },
        organizationId: "acme",
        workspaceId: ws,
        action: "POST /api/x",
        status: 200,
      });
    }
    const both = await wa.tenancy.users.create({
      email: "both@example.com",
      name: "Both",
      password: "a long password",
    });
    const only = await wa.tenancy.users.create({
      email: "only@example.com",
      name: "Only",
      password: "a long password",
    });
    await wa.tenancy.members.add("acme", both.id, { doomed: "agent", kept: "viewer" });
    await wa.tenancy.members.add("acme", only.id, { doomed: "agent" });
    await wa.tenancy.members.invite("acme", { email: "new@example.com", roles: { doomed: "viewer" } }, "test");
  }, 180_000);

  afterAll(async () => {
    await wa?.close();
    await database?.close();
  });

  it("writes only keys the keyspace registry claims, and reaches every scoped entry", async () => {
    await expect.poll(async () => (await wa.storage.getKeys("autocron")).length, { timeout: 5000 }).toBe(2);
    const stored = await wa.storage.getKeys();
    expect(stored.filter((k) => !keyspaceOf(k))).toEqual([]);
    const reached = new Set(stored.map((k) => keyspaceOf(k)!.prefix));
    for (const entry of Object.values(KEYSPACE))
      if (entry.scope !== "global") expect(reached.has(entry.prefix), entry.prefix).toBe(true);
  });

  it("deleteWorkspace removes every row and key of the workspace and its profiles, and nothing of another", async () => {
    const before = {
      doomed: await rows(database, "workspaceId", "doomed"),
      kept: await rows(database, "workspaceId", "kept"),
    };
    const keysBefore = { doomed: await keys(wa, "p-doomed"), kept: await keys(wa, "p-kept") };
    // The fixture reaches the tables it should (a count of zero before would prove nothing).
    for (const table of ["contacts", "templates", "apiKeys", "profiles", "auditEntries"])
      expect(before.doomed[table], table).toBeGreaterThan(0);
    expect(keysBefore.doomed.length).toBeGreaterThan(0);

    await wa.deleteWorkspace("doomed");

    // Audit entries stay by design (docs/database.md): the log records what was deleted.
    expect(await rows(database, "workspaceId", "doomed")).toEqual({
      ...Object.fromEntries(Object.keys(before.doomed).map((t) => [t, 0])),
      auditEntries: before.doomed.auditEntries,
    });
    expect(total(await rows(database, "profileId", "p-doomed"))).toBe(0);
    expect(await keys(wa, "p-doomed")).toEqual([]);
    expect(await keys(wa, "doomed")).toEqual([]);
    expect(await rows(database, "workspaceId", "kept")).toEqual(before.kept);
    expect(await keys(wa, "p-kept")).toEqual(keysBefore.kept);

    await expect(wa.tenancy.organizations.workspace("doomed")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(wa.sessions.status("p-doomed")).rejects.toMatchObject({ code: "PROFILE_NOT_FOUND" });
    // Role assignments forget the workspace; a member left with no role leaves the organization.
    const members = await wa.tenancy.members.list("acme");
    expect(members.map((m) => m.roles)).toEqual([{ kept: "viewer" }]);
    await expect(wa.deleteWorkspace("doomed")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(wa.deleteWorkspace("default")).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "workspaceId" },
    });
  });

  it("deleteProfile removes every row and key of the profile and leaves its workspace's other records", async () => {
    const workspaceBefore = await rows(database, "workspaceId", "kept");
    expect((await keys(wa, "p-kept")).length).toBeGreaterThan(0);
    await wa.profiles.remove("p-kept");
    expect(total(await rows(database, "profileId", "p-kept"))).toBe(0);
    expect(await keys(wa, "p-kept")).toEqual([]);
    expect(await rows(database, "workspaceId", "kept")).toEqual({
      ...workspaceBefore,
      profiles: workspaceBefore.profiles! - 1,
    });
  });
});
