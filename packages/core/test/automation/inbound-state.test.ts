// Issue #18: automation read the workspace's revision and the chat's flow run for every inbound message,
// two statements each (1,200 reads for 600 messages in the inbound bench). A tick's messages now share one.
import { afterAll, describe, expect, it } from "vitest";
import { InboundStateReader } from "../../src/automation/inbound-state.js";
import { bumpRevision } from "../../src/automation/revisions.js";
import type { FlowRun } from "../../src/automation/schema.js";
import { automationFlowRuns } from "../../src/automation/table.js";
import type { Database, Db } from "../../src/db/types.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";

const opened: Database[] = [];
afterAll(async () => Promise.all(opened.map((d) => d.close())));

describe.each(["embedded", "postgres"] as const)("inbound automation state (%s)", (dialect) => {
  it("is one read per tick, in the order asked, with the revision and the chat's run", async (ctx) => {
    if (dialect === "postgres" && !(await postgresAvailable())) return ctx.skip();
    const database = await openTestDatabase(dialect === "postgres" ? TEST_POSTGRES_URL : undefined);
    opened.push(database);
    await database.transaction(async (tx) => {
      await bumpRevision(tx, "w1");
      await bumpRevision(tx, "w1");
    });
    const run = { id: "run_1", status: "waiting", profileId: "p1", chatId: "c1@s.whatsapp.net" } as FlowRun;
    await database.db.insert(automationFlowRuns).values({
      id: "run_1",
      profileId: "p1",
      chatId: "c1@s.whatsapp.net",
      status: "waiting",
      run,
      graph: {},
      updatedAt: 1,
    } as never);
    let reads = 0;
    const db = new Proxy(database.db, {
      get: (target, key, receiver) =>
        key === "execute"
          ? (...args: unknown[]) => (reads++, (target.execute as (...a: unknown[]) => unknown)(...args))
          : Reflect.get(target, key, receiver),
    }) as Db;
    const reader = new InboundStateReader(db);
    const states = await Promise.all([
      reader.get({ workspaceId: "w2", profileId: "p1", chatId: "c1@s.whatsapp.net" }),
      reader.get({ workspaceId: "w1", profileId: "p1", chatId: "c2@s.whatsapp.net" }),
      reader.get({ workspaceId: "w1", profileId: "p1", chatId: "c1@s.whatsapp.net" }),
    ]);
    expect(reads).toBe(1);
    expect(states.map((s) => s.revision)).toEqual([0, 2, 2]);
    expect(states.map((s) => s.run?.id ?? null)).toEqual(["run_1", null, "run_1"]);
    // A later tick reads again, and sees what changed meanwhile.
    await database.transaction((tx) => bumpRevision(tx, "w2"));
    expect((await reader.get({ workspaceId: "w2", profileId: "p9", chatId: "x@s.whatsapp.net" })).revision).toBe(1);
    expect(reads).toBe(2);
  });
});
