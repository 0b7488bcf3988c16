import { afterAll, describe, expect, it } from "vitest";
import { ApiKeys } from "../../src/auth/api-keys.js";
import { can, visibleWorkspaces } from "../../src/tenancy/principal.js";
import { Tenancy } from "../../src/tenancy/tenancy.js";
import { users } from "../../src/tenancy/table.js";
import { hashPassword, verifyPassword } from "../../src/tenancy/users.js";
import { openTestDatabase } from "../../src/testing/database.js";

async function setup() {
  const database = await openTestDatabase();
  afterAll(() => database.close());
  const db = database.db;
  const t = new Tenancy(db);
  await t.organizations.ensureDefaults();
  const org = await t.organizations.createOrganization({ id: "acme", name: "Acme" });
  await t.organizations.createWorkspace("acme", { id: "sales", name: "Sales" });
  await t.organizations.createWorkspace("acme", { id: "support", name: "Support" });
  return { db, t, org };
}

describe("tenancy", { timeout: 120_000 }, () => {
  it("hashes passwords with scrypt and never stores them in clear", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("wrong horse battery", hash)).toBe(false);
    const { db, t } = await setup();
    await t.users.create({ email: "Ann@Example.com", name: "Ann", password: "a long password" });
    const dump = JSON.stringify(await db.select().from(users));
    expect(dump).toContain("ann@example.com");
    expect(dump).not.toContain("a long password");
  });

  it("logs in with a session token, and refuses wrong, unknown and disabled logins alike", async () => {
    const { t } = await setup();
    const user = await t.users.create({ email: "ann@example.com", name: "Ann", password: "a long password" });
    const session = await t.users.login("ANN@example.com", "a long password");
    expect(session.token).toMatch(/^mws_/);
    expect((await t.users.session(session.token))?.id).toBe(user.id);
    await expect(t.users.login("ann@example.com", "nope nope nope")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringContaining("Wrong email or password"),
    });
    await expect(t.users.login("nobody@example.com", "a long password")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: expect.stringContaining("Wrong email or password"),
    });
    await t.users.logout(session.token);
    expect(await t.users.session(session.token)).toBeNull();
    await expect(
      t.users.create({ email: "ann@example.com", name: "Again", password: "a long password" }),
    ).rejects.toMatchObject({ code: "ALREADY_EXISTS" });
    await expect(t.users.create({ email: "bob@example.com", name: "Bob", password: "short" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  // Issue #24: the dashboard remembers each user's language on the user.
  it("keeps a user's language, refuses a malformed tag, and forgets it on null", async () => {
    const { t } = await setup();
    const user = await t.users.create({ email: "ana@example.com", name: "Ana", password: "a long password" });
    expect(user.locale).toBeUndefined();
    expect((await t.users.update(user.id, { locale: "pt-BR" })).locale).toBe("pt-BR");
    expect((await t.users.login("ana@example.com", "a long password")).user.locale).toBe("pt-BR");
    await expect(t.users.update(user.id, { locale: "not a language" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [{ field: "locale", code: "invalid_format" }] },
    });
    expect((await t.users.update(user.id, { locale: null })).locale).toBeUndefined();
    await expect(t.users.update("u_nobody", { locale: "id" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives users a role per workspace and derives their permissions", async () => {
    const { t } = await setup();
    const user = await t.users.create({ email: "agent@example.com", name: "Agent", password: "a long password" });
    await t.members.add("acme", user.id, { sales: "agent", support: "viewer" });
    const p = await t.principalForUser(user);
    expect(p.organizationId).toBe("acme");
    const sales = { id: "sales", organizationId: "acme" };
    const support = { id: "support", organizationId: "acme" };
    expect(can(p, "messages.send", sales)).toBe(true);
    expect(can(p, "messages.send", support)).toBe(false);
    expect(can(p, "messages.read", support)).toBe(true);
    expect(can(p, "profiles.manage", sales)).toBe(false);
    expect(can(p, "messages.read", { id: "default", organizationId: "default" })).toBe(false);
    expect(visibleWorkspaces(p)?.sort()).toEqual(["sales", "support"]);
    await expect(t.members.add("acme", user.id, { sales: "emperor" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("supports custom roles and invitations that work once", async () => {
    const { t } = await setup();
    const role = await t.members.createRole("acme", {
      id: "broadcaster",
      name: "Broadcaster",
      permissions: ["broadcast.manage", "contacts.*"],
    });
    expect(role.builtIn).toBe(false);
    await expect(
      t.members.createRole("acme", { id: "x", name: "X", permissions: ["launch.missiles"] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const { token } = await t.members.invite(
      "acme",
      { email: "new@example.com", roles: { "*": "broadcaster" } },
      "key:admin",
    );
    const user = await t.acceptInvitation(token, { name: "New", password: "a long password" });
    const p = await t.principalForUser(user);
    expect(can(p, "contacts.manage", { id: "sales", organizationId: "acme" })).toBe(true);
    expect(can(p, "messages.send", { id: "sales", organizationId: "acme" })).toBe(false);
    await expect(t.acceptInvitation(token, { name: "Again", password: "a long password" })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
  });

  it("scopes API keys to their organization and workspace", async () => {
    const { db, t } = await setup();
    const keys = new ApiKeys(db);
    const { key } = await keys.create({
      name: "sales bot",
      organizationId: "acme",
      workspaceId: "sales",
      permissions: ["messages.*"],
    });
    const p = t.principalForKey(key);
    expect(can(p, "messages.send", { id: "sales", organizationId: "acme" })).toBe(true);
    expect(can(p, "messages.send", { id: "support", organizationId: "acme" })).toBe(false);
    expect(can(p, "messages.send", { id: "sales", organizationId: "other" })).toBe(false);
    expect(can(p, "profiles.manage", { id: "sales", organizationId: "acme" })).toBe(false);
  });
});
