import { describe, expect, it } from "vitest";
import { CreateCampaignSchema } from "../../src/broadcast/schema.js";
import { CreateRuleSchema } from "../../src/automation/schema.js";
import { collectRefs, resourceFields, resourceId } from "../../src/tenancy/resource-id.js";
import { mockGateway } from "../helpers/mock.js";

// The core half of issue #17 finding 1: in-process callers that pass a principal get the same id checks.

async function twoTenants() {
  const { wa } = await mockGateway();
  await wa.tenancy.organizations.createOrganization({ id: "acme", name: "Acme" });
  await wa.tenancy.organizations.createWorkspace("acme", { id: "a1", name: "A1" });
  await wa.tenancy.organizations.createOrganization({ id: "beta", name: "Beta" });
  await wa.tenancy.organizations.createWorkspace("beta", { id: "b1", name: "B1" });
  await wa.profiles.create({ id: "pa1", name: "A", engine: "mock", workspaceId: "a1" });
  await wa.profiles.create({ id: "pb1", name: "B", engine: "mock", workspaceId: "b1" });
  const template = await wa.templates.create("a1", { name: "t", body: "hi" });
  const beta = wa.tenancy.principalForKey({
    id: "k",
    name: "beta",
    organizationId: "beta",
    permissions: ["*"],
    createdAt: 0,
  });
  const a1 = wa.tenancy.principalForKey({
    id: "k2",
    name: "a1",
    organizationId: "acme",
    workspaceId: "a1",
    permissions: ["broadcast.manage"],
    createdAt: 0,
  });
  return { wa, beta, a1, template };
}

describe("resource ids", () => {
  it("fixes the id format: no dots, slashes, NUL or 10,000-character ids", () => {
    const id = resourceId("profile");
    for (const bad of ["..", "a/b", "a\0b", "x".repeat(10_000), ""])
      expect(id.safeParse(bad).success, bad.slice(0, 5)).toBe(false);
    expect(id.safeParse("p_1a-B+2").success).toBe(true);
  });

  it("finds every id a body names, nested in arrays and unions", () => {
    const rule = CreateRuleSchema.parse({
      name: "r",
      profileIds: ["pa1", "pa2"],
      trigger: { type: "keyword", keywords: ["x"] },
      actions: [
        { type: "reply", templateId: "tpl_1" },
        { type: "start_flow", flowId: "flow_1" },
      ],
    });
    expect(
      collectRefs(CreateRuleSchema, rule)
        .map((r) => `${r.kind}:${r.field}=${r.id}`)
        .sort(),
    ).toEqual([
      "flow:actions.1.flowId=flow_1",
      "profile:profileIds.0=pa1",
      "profile:profileIds.1=pa2",
      "template:actions.0.templateId=tpl_1",
    ]);
    expect(resourceFields(CreateCampaignSchema).map((f) => f.field)).toEqual(
      expect.arrayContaining(["profileIds.*", "message.templateId"]),
    );
  });
});

describe("Access", () => {
  it("answers another tenant's ids as missing, and authorizes the caller's own", async () => {
    const { wa, beta, a1, template } = await twoTenants();
    const body = CreateCampaignSchema.parse({
      name: "c",
      profileIds: ["pb1", "pa1"],
      message: { templateId: template.id },
      audience: { contactIds: ["1"] },
      start: false,
    });
    await expect(
      wa.access.authorize(beta, "broadcast.manage", collectRefs(CreateCampaignSchema, body)),
    ).rejects.toMatchObject({ code: "PROFILE_NOT_FOUND", details: { field: "profileIds.1" } });
    const own = CreateCampaignSchema.parse({ ...body, profileIds: ["pa1"] });
    const resolution = await wa.access.authorize(a1, "broadcast.manage", collectRefs(CreateCampaignSchema, own));
    expect(resolution.workspace?.id).toBe("a1");
    // A template of another workspace is not found in the one the request acts in.
    await expect(
      wa.access.authorize(beta, "broadcast.manage", [{ kind: "template", id: template.id, field: "templateId" }], {
        fallbackWorkspace: "b1",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The right scope without the permission is 403, not 404.
    await expect(
      wa.access.authorize(a1, "profiles.manage", [{ kind: "profile", id: "pa1", field: "id" }]),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await wa.close();
  });

  it("lets an existing account join another organization only as itself", async () => {
    // Regression (#17 finding 5): accepting for someone else moved their account into the inviter's organization.
    const { wa } = await twoTenants();
    const first = await wa.tenancy.members.invite("beta", { email: "v@x.test", roles: { b1: "viewer" } }, "test");
    const victim = await wa.tenancy.acceptInvitation(first.token, { name: "V", password: "a long password" });
    const second = await wa.tenancy.members.invite("acme", { email: "v@x.test", roles: { a1: "admin" } }, "test");
    await expect(
      wa.tenancy.acceptInvitation(second.token, { name: "X", password: "another password" }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await wa.tenancy.members.organizationsOf(victim.id)).toEqual(["beta"]);
    expect((await wa.tenancy.acceptInvitation(second.token, {}, victim)).id).toBe(victim.id);
    expect((await wa.tenancy.members.organizationsOf(victim.id)).sort()).toEqual(["acme", "beta"]);
    await wa.close();
  });
});
