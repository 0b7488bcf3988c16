import { expect } from "vitest";
import type { RunningServer } from "./server.js";

// Two organizations for the authorization suites: acme (workspaces a1, a2) and beta (b1), each
// workspace with a logged-in mock profile; a1 and b1 also hold one of every other resource.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export const PEER = "628999000444";
export const PHONES = { pa1: "628111000001", pa2: "628111000002", pb1: "628111000003" };

export interface Tenants {
  /** Resource ids by kind, for a1 (the victim) and b1 (the foreign tenant used for swaps). */
  a1: Record<string, string>;
  b1: Record<string, string>;
  keys: Record<
    "a1" | "a1Org" | "a2" | "betaOrg" | "a1Missing" | "a1MissingAlt" | "a1OrgMissing" | "a1OrgMissingAlt",
    string
  >;
  /** A member user of acme (the target of member operations), and its login. */
  memberId: string;
}

export async function call(
  server: RunningServer,
  path: string,
  init: { method?: string; json?: unknown; key?: string | null; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json }> {
  const res = await server.api(path, init);
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text || null,
  };
}

async function ok(server: RunningServer, path: string, init: Parameters<typeof call>[2] = {}): Promise<Json> {
  const res = await call(server, path, init);
  expect(res.status, `${init.method ?? "GET"} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

export async function loginMockProfile(
  server: RunningServer,
  id: string,
  workspaceId: string,
  phone: string,
): Promise<void> {
  await ok(server, "/api/profiles", {
    method: "POST",
    json: { id, name: id, engine: "mock", workspaceId, pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
  });
  await ok(server, `/api/profiles/${id}/start`, { method: "POST" });
  let qr: string | undefined;
  for (let i = 0; i < 100 && !qr; i++, await sleep(50)) qr = (await call(server, `/api/profiles/${id}/qr`)).body?.qr;
  await ok(server, "/api/mock/scan", { method: "POST", json: { qr, phone } });
  for (let i = 0; i < 100 && (await call(server, `/api/profiles/${id}`)).body.status !== "open"; i++) await sleep(50);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function resourcesIn(
  server: RunningServer,
  ws: string,
  profile: string,
  contactPhone: string,
): Promise<Record<string, string>> {
  const q = `?workspaceId=${ws}`;
  const ids: Record<string, string> = { workspace: ws, profile };
  ids.webhook = (
    await ok(server, "/api/webhooks", {
      method: "POST",
      json: { url: "http://127.0.0.1:9/hook", workspaceId: ws, enabled: false },
    })
  ).webhook.id;
  ids.transport = (
    await ok(server, "/api/transports", {
      method: "POST",
      json: { kind: "redis", url: "redis://127.0.0.1:9/0", workspaceId: ws, enabled: false },
    })
  ).id;
  ids.template = (
    await ok(server, `/api/templates${q}`, { method: "POST", json: { name: `t-${ws}`, body: "Hello {{name}}" } })
  ).id;
  ids.contact = (
    await ok(server, `/api/contacts${q}`, { method: "POST", json: { phone: contactPhone, name: `c-${ws}` } })
  ).id;
  ids.campaign = (
    await ok(server, `/api/campaigns${q}`, {
      method: "POST",
      json: {
        name: `cmp-${ws}`,
        profileIds: [profile],
        message: { text: "hi" },
        audience: { contactIds: [ids.contact] },
        start: false,
      },
    })
  ).id;
  ids.rule = (
    await ok(server, `/api/rules${q}`, {
      method: "POST",
      json: {
        name: `r-${ws}`,
        trigger: { type: "keyword", keywords: ["zz-never"] },
        actions: [{ type: "reply", text: "x" }],
        enabled: false,
      },
    })
  ).id;
  ids.flow = (await ok(server, `/api/flows${q}`, { method: "POST", json: { name: `f-${ws}` } })).id;
  ids.key = (
    await ok(server, "/api/keys", {
      method: "POST",
      json: { name: `victim-${ws}`, workspaceId: ws, permissions: ["messages.read"] },
    })
  ).key.id;
  ids.message = (
    await ok(server, `/api/profiles/${profile}/messages`, {
      method: "POST",
      json: { to: PEER, content: { type: "text", text: `seed ${ws}` } },
    })
  ).id;
  ids.group = (
    await ok(server, `/api/profiles/${profile}/groups`, {
      method: "POST",
      json: { subject: `G ${ws}`, participants: [PEER] },
    })
  ).id;
  ids.status = (
    await ok(server, `/api/profiles/${profile}/status`, {
      method: "POST",
      json: { content: { type: "text", text: `status ${ws}` }, recipients: [PEER] },
    })
  ).id;
  ids.channel = (
    await ok(server, `/api/profiles/${profile}/channels`, { method: "POST", json: { name: `Channel ${ws}` } })
  ).id;
  ids.label = (
    await ok(server, `/api/profiles/${profile}/labels`, { method: "POST", json: { name: `Label ${ws}` } })
  ).id;
  ids.businessTemplate = (
    await ok(server, `/api/profiles/${profile}/business-templates`, {
      method: "POST",
      json: {
        name: `seed_${ws.replace(/\W/g, "_").toLowerCase()}`,
        language: "en_US",
        category: "UTILITY",
        body: "Hi",
      },
    })
  ).name;
  return ids;
}

/** Builds both tenants on a gateway whose admin key is `server.key`. */
export async function setUpTenants(server: RunningServer): Promise<Tenants> {
  await ok(server, "/api/organizations", { method: "POST", json: { id: "acme", name: "Acme" } });
  await ok(server, "/api/organizations/acme/workspaces", { method: "POST", json: { id: "a1", name: "A1" } });
  await ok(server, "/api/organizations/acme/workspaces", { method: "POST", json: { id: "a2", name: "A2" } });
  await ok(server, "/api/organizations", { method: "POST", json: { id: "beta", name: "Beta" } });
  await ok(server, "/api/organizations/beta/workspaces", { method: "POST", json: { id: "b1", name: "B1" } });
  await loginMockProfile(server, "pa1", "a1", PHONES.pa1);
  await loginMockProfile(server, "pa2", "a2", PHONES.pa2);
  await loginMockProfile(server, "pb1", "b1", PHONES.pb1);
  const a1 = await resourcesIn(server, "a1", "pa1", "628999000401");
  const b1 = await resourcesIn(server, "b1", "pb1", "628999000402");
  a1.organization = "acme";
  b1.organization = "beta";
  const key = async (body: Record<string, unknown>) =>
    (await ok(server, "/api/keys", { method: "POST", json: { name: "k", ...body } })).token as string;
  const keys = {
    a1: await key({ workspaceId: "a1" }),
    a1Org: await key({ organizationId: "acme" }),
    a2: await key({ workspaceId: "a2" }),
    betaOrg: await key({ organizationId: "beta" }),
    a1Missing: await key({ workspaceId: "a1", permissions: ["analytics.read"] }),
    a1MissingAlt: await key({ workspaceId: "a1", permissions: ["profiles.read"] }),
    a1OrgMissing: await key({ organizationId: "acme", permissions: ["analytics.read"] }),
    a1OrgMissingAlt: await key({ organizationId: "acme", permissions: ["profiles.read"] }),
  };
  const invite = await ok(server, "/api/organizations/acme/invitations", {
    method: "POST",
    json: { email: "member@acme.test", roles: { a1: "viewer" } },
  });
  const member = await ok(server, "/api/auth/accept-invitation", {
    method: "POST",
    key: null,
    json: { token: invite.token, name: "Member", password: "a long password" },
  });
  a1.user = member.id;
  return { a1, b1, keys, memberId: member.id };
}
