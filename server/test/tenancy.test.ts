import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_ROLES, grants } from "@multiwa/core";
import { startServer, type RunningServer } from "./helpers/server.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
let server: RunningServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const PHONE = "628111000333";
const PEER = "628999000444";

async function call(
  path: string,
  init: { method?: string; json?: unknown; key?: string | null } = {},
): Promise<{ status: number; body: Json }> {
  const res = await server.api(path, init);
  const text = await res.text();
  const json = res.headers.get("content-type")?.includes("json");
  return { status: res.status, body: text && json ? JSON.parse(text) : text || null };
}

beforeAll(async () => {
  server = await startServer({ MULTIWA_RATE_LIMIT: "100000", MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
  expect((await call("/api/organizations", { method: "POST", json: { id: "acme", name: "Acme" } })).status).toBe(201);
  expect(
    (await call("/api/organizations/acme/workspaces", { method: "POST", json: { id: "sales", name: "Sales" } })).status,
  ).toBe(201);
  await call("/api/organizations", { method: "POST", json: { id: "other", name: "Other" } });
  await call("/api/organizations/other/workspaces", { method: "POST", json: { id: "ows", name: "Other WS" } });
  tokens.otherTenant = (
    await call("/api/keys", { method: "POST", json: { name: "other", workspaceId: "ows" } })
  ).body.token;

  // Users join by invitation, one per built-in role.
  const assignments: Record<string, Record<string, string>> = {
    owner: { "*": "owner" },
    admin: { "*": "admin" },
    agent: { sales: "agent" },
    viewer: { sales: "viewer" },
  };
  for (const [role, roles] of Object.entries(assignments)) {
    const invite = await call("/api/organizations/acme/invitations", {
      method: "POST",
      json: { email: `${role}@acme.test`, roles },
    });
    expect(invite.status).toBe(201);
    const user = await call("/api/auth/accept-invitation", {
      method: "POST",
      key: null,
      json: { token: invite.body.token, name: role, password: "a long password" },
    });
    expect(user.status).toBe(201);
    ids[`${role}User`] = user.body.id;
    const login = await call("/api/auth/login", {
      method: "POST",
      key: null,
      json: { email: `${role}@acme.test`, password: "a long password" },
    });
    expect(login.status).toBe(200);
    tokens[role] = login.body.token;
  }

  // Resources of acme/sales that the matrix acts on.
  await call("/api/profiles", {
    method: "POST",
    json: {
      id: "p-sales",
      name: "Sales line",
      engine: "mock",
      workspaceId: "sales",
      pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 },
    },
  });
  await call("/api/profiles/p-sales/start", { method: "POST" });
  const { qr } = (await call("/api/profiles/p-sales/qr")).body;
  await call("/api/mock/scan", { method: "POST", json: { qr, phone: PHONE } });
  for (let i = 0; i < 100 && (await call("/api/profiles/p-sales")).body.status !== "open"; i++)
    await new Promise((r) => setTimeout(r, 50));
  ids.messageId = (
    await call("/api/profiles/p-sales/messages", {
      method: "POST",
      json: { to: PEER, content: { type: "text", text: "seed" } },
    })
  ).body.id;
  ids.webhookId = (
    await call("/api/webhooks", {
      method: "POST",
      json: { url: "http://127.0.0.1:9/hook", workspaceId: "sales", enabled: false },
    })
  ).body.webhook.id;
  ids.keyId = (
    await call("/api/keys", {
      method: "POST",
      json: { name: "sales key", workspaceId: "sales", permissions: ["messages.read"] },
    })
  ).body.key.id;
  ids.groupId = (
    await call("/api/profiles/p-sales/groups", { method: "POST", json: { subject: "G", participants: [PEER] } })
  ).body.id;
  // A real send by the agent, for the audit log test (the matrix later deletes the profile).
  expect(
    (
      await call("/api/profiles/p-sales/messages", {
        method: "POST",
        key: tokens.agent!,
        json: { to: PEER, content: { type: "text", text: "by agent" } },
      })
    ).status,
  ).toBe(202);
}, 180_000);
afterAll(async () => server?.stop());

const ROLE_ORDER = ["otherTenant", "viewer", "agent", "admin", "owner"] as const;
const ORG_LEVEL = /^\/api\/organizations\/\{orgId\}\/(members|invitations|roles$|workspaces$)/;
const DESTRUCTIVE = /delete|logout|leave|remove/i;

function fill(path: string): string {
  const values: Record<string, string> = {
    id: "p-sales",
    orgId: "acme",
    webhookId: ids.webhookId!,
    keyId: ids.keyId!,
    userId: ids.viewerUser!,
    messageId: ids.messageId!,
    chatId: PEER,
    groupId: encodeURIComponent(ids.groupId!),
    deliveryId: "d-missing",
    type: "text",
    phone: PEER,
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? name);
}

function expectedAllowed(role: string, op: { path: string; method: string; permission?: string }): boolean {
  if (op.permission === "authenticated") return true;
  const assignment = {
    owner: { "*": "owner" },
    admin: { "*": "admin" },
    agent: { sales: "agent" },
    viewer: { sales: "viewer" },
  }[role as "owner"];
  const permsOf = (roleId?: string) => BUILT_IN_ROLES.find((r) => r.id === roleId)?.permissions ?? [];
  const orgWide = permsOf(assignment["*" as keyof typeof assignment]);
  if (op.path === "/api/organizations" && op.method === "post") return false; // gateway administrators only
  if (
    ORG_LEVEL.test(op.path) &&
    !(op.path.endsWith("/roles") && op.method === "get") &&
    !(op.path.endsWith("/workspaces") && op.method === "get")
  )
    return grants(orgWide, op.permission!);
  return grants([...orgWide, ...permsOf(assignment["sales" as keyof typeof assignment])], op.permission!);
}

describe("authorization matrix", () => {
  it("allows and denies every route for every role, and another tenant's key sees nothing of this one", async () => {
    const doc = (await call("/openapi.json", { key: null })).body;
    const ops: { path: string; method: string; permission?: string }[] = [];
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { "x-permission"?: string }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        if (!op["x-permission"] || path.startsWith("/api/mock") || path.endsWith("/stream") || path.endsWith("/events"))
          continue;
        ops.push({ path, method, permission: op["x-permission"] });
      }
    }
    ops.sort((a, b) => Number(DESTRUCTIVE.test(a.path + a.method)) - Number(DESTRUCTIVE.test(b.path + b.method)));
    const problems: string[] = [];
    for (const op of ops) {
      for (const role of ROLE_ORDER) {
        const res = await call(fill(op.path), {
          method: op.method.toUpperCase(),
          key: tokens[role]!,
          ...(op.method === "get" || op.method === "delete" ? {} : { json: {} }),
        });
        const where = `${role} ${op.method.toUpperCase()} ${op.path} → ${res.status} ${res.body?.code ?? ""}`;
        if (role === "otherTenant") {
          const collection = !op.path.includes("{");
          if (collection) {
            if (res.status < 300 && JSON.stringify(res.body).match(/p-sales|"acme"|"sales"/))
              problems.push(`${where}: leaked another tenant's data`);
          } else if (![403, 404, 422].includes(res.status)) problems.push(`${where}: expected 403/404`);
          continue;
        }
        const allowed = expectedAllowed(role, op);
        if (allowed && [401, 403].includes(res.status)) problems.push(`${where}: should be allowed`);
        if (!allowed && res.status !== 403) problems.push(`${where}: should be 403`);
      }
    }
    expect(problems).toEqual([]);
    expect(ops.length).toBeGreaterThan(40);
  }, 240_000);

  it("writes an audit entry for every state-changing call, with actor and workspace", async () => {
    const res = await call("/api/audit?limit=5000", { key: tokens.owner! });
    expect(res.status).toBe(200);
    const entries = res.body as {
      actor: { name?: string };
      action: string;
      workspaceId?: string;
      status: number;
      summary?: Record<string, unknown>;
    }[];
    const invited = entries
      .filter((e) => e.action === "POST /api/organizations/{orgId}/invitations" && e.status === 201)
      .map((e) => e.summary?.email);
    expect(invited.sort()).toEqual(["admin@acme.test", "agent@acme.test", "owner@acme.test", "viewer@acme.test"]);
    const send = entries.find(
      (e) => e.action === "POST /api/profiles/{id}/messages" && e.actor.name === "agent" && e.status === 202,
    );
    expect(send).toMatchObject({ workspaceId: "sales" });
    expect(entries.some((e) => e.status === 403 && e.actor.name === "viewer")).toBe(true);
    const csv = await server.api("/api/audit?format=csv", { key: tokens.owner! });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await call("/api/audit", { key: tokens.agent! })).status).toBe(403);
    expect(JSON.stringify((await call("/api/audit", { key: tokens.otherTenant! })).body)).not.toContain("sales");
  });
});

// Issue #24: the dashboard keeps a signed-in user's language on the user, so it follows them.
describe("user preferences", () => {
  it("stores a user's language through PATCH /api/auth/me, shows it on me and login, and refuses keys and bad tags", async () => {
    // A user of its own: the matrix above removes the built-in roles' members.
    const invite = await call("/api/organizations/acme/invitations", {
      method: "POST",
      json: { email: "lang@acme.test", roles: { sales: "viewer" } },
    });
    const user = await call("/api/auth/accept-invitation", {
      method: "POST",
      key: null,
      json: { token: invite.body.token, name: "Lang", password: "a long password" },
    });
    const token = (
      await call("/api/auth/login", {
        method: "POST",
        key: null,
        json: { email: "lang@acme.test", password: "a long password" },
      })
    ).body.token;
    const set = await call("/api/auth/me", { method: "PATCH", key: token, json: { locale: "pt-BR" } });
    expect(set).toMatchObject({ status: 200, body: { id: user.body.id, locale: "pt-BR" } });
    expect((await call("/api/auth/me", { key: token })).body).toMatchObject({ kind: "user", locale: "pt-BR" });
    const login = await call("/api/auth/login", {
      method: "POST",
      key: null,
      json: { email: "lang@acme.test", password: "a long password" },
    });
    expect(login.body.user.locale).toBe("pt-BR");

    const bad = await call("/api/auth/me", { method: "PATCH", key: token, json: { locale: "Portuguese please" } });
    expect(bad).toMatchObject({
      status: 422,
      body: { code: "VALIDATION_FAILED", field: "locale", details: { issues: [{ code: "invalid_format" }] } },
    });
    const byKey = await call("/api/auth/me", { method: "PATCH", json: { locale: "id" } });
    expect(byKey).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    expect((await call("/api/auth/me")).body.locale).toBeUndefined();

    expect(
      (await call("/api/auth/me", { method: "PATCH", key: token, json: { locale: null } })).body.locale,
    ).toBeUndefined();
    expect((await call("/api/auth/me", { key: token })).body.locale).toBeUndefined();
  }, 30_000);
});
