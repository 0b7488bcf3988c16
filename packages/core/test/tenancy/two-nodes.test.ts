// Issue #18: in a cluster, writes through a non-owner node were lost or ignored, because each process kept
// its own cache of records it believed it alone wrote (a revoked key kept working on the other node for
// seconds, a profile read stale). Two instances on one PostgreSQL must see each other's writes at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/types.js";
import type { MultiWA } from "../../src/multiwa.js";
import { ProfileStore } from "../../src/session/profiles.js";
import { openTestDatabase, postgresAvailable, TEST_POSTGRES_URL } from "../../src/testing/database.js";
import { mockGateway } from "../helpers/mock.js";

describe("two nodes sharing one PostgreSQL", { timeout: 120_000 }, () => {
  let skip = false;
  let database: Database;
  let a: MultiWA;
  let b: MultiWA;

  beforeAll(async () => {
    skip = !(await postgresAvailable());
    if (skip) return;
    database = await openTestDatabase(TEST_POSTGRES_URL);
    // Separate key-value stores and no bus: the records database alone carries the state.
    a = (await mockGateway({ database, nodeId: "node-a" })).wa;
    b = (await mockGateway({ database, nodeId: "node-b" })).wa;
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.close();
  });

  it("a key created on B works on A, and stops on A the moment B revokes it", async (ctx) => {
    if (skip) return ctx.skip();
    const { key, token } = await b.apiKeys.create({ name: "from B", permissions: ["messages.*"] });
    expect((await a.apiKeys.verify(token))?.id).toBe(key.id);
    // A just verified it: the old per-process cache would have kept honouring it for 5 s.
    await b.apiKeys.revoke(key.id);
    expect(await a.apiKeys.verify(token)).toBeNull();
    expect(await a.apiKeys.isLive(token)).toBe(false);
  });

  it("a member added on B has their rights on A, and loses them on A when B removes them", async (ctx) => {
    if (skip) return ctx.skip();
    await b.tenancy.organizations.createOrganization({ id: "acme", name: "Acme" });
    await b.tenancy.organizations.createWorkspace("acme", { id: "sales", name: "Sales" });
    expect((await a.tenancy.organizations.workspaces("acme")).map((w) => w.id)).toEqual(["sales"]);
    const user = await b.tenancy.users.create({
      email: "agent@example.com",
      name: "Agent",
      password: "a long password",
    });
    await b.tenancy.members.add("acme", user.id, { sales: "agent" });
    const principal = await a.tenancy.principalForUser(await a.tenancy.users.get(user.id));
    expect(principal.permissions.sales).toContain("messages.send");
    await b.tenancy.members.add("acme", user.id, { sales: "viewer" });
    expect((await a.tenancy.principalForUser(user)).permissions.sales).not.toContain("messages.send");
    await b.tenancy.members.remove("acme", user.id);
    await expect(a.tenancy.principalForUser(user)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A session started on A ends everywhere when it is logged out on B.
    const { token } = await a.tenancy.users.login("agent@example.com", "a long password");
    expect((await b.tenancy.users.session(token))?.id).toBe(user.id);
    await b.tenancy.users.logout(token);
    expect(await a.tenancy.users.session(token)).toBeNull();
  });

  it("a profile changed on B reads changed on A at once, and two nodes' updates keep each other's fields", async (ctx) => {
    if (skip) return ctx.skip();
    await a.profiles.create({ id: "shared", name: "Shared" });
    expect((await a.profiles.get("shared")).name).toBe("Shared");
    await b.profiles.update("shared", { name: "Renamed on B", metadata: { team: "b" } });
    expect(await a.profiles.get("shared")).toMatchObject({ name: "Renamed on B", metadata: { team: "b" } });
    await Promise.all([
      // The owner node's status write (the session runtime's) races a rename through the API on B.
      new ProfileStore(a.database.db).update("shared", { status: "connecting" }),
      b.profiles.update("shared", { name: "Again" }),
    ]);
    expect(await a.profiles.get("shared")).toMatchObject({
      status: "connecting",
      name: "Again",
      metadata: { team: "b" },
    });
    expect((await a.profiles.list({ workspaceId: "default" })).map((p) => p.id)).toEqual(["shared"]);
  });
});
