import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { parseConfig } from "#lib/config/config.js";
import { gatewayConfig } from "#lib/runtime.js";
import { startServer, type RunningServer } from "./helpers/server.js";
import { call, loginMockProfile, PEER, setUpTenants, type Json, type Tenants } from "./helpers/tenants.js";

// One regression test per authorization finding of the outside review (issue #17).

let server: RunningServer;
let t: Tenants;
const PASSWORD = "a long password";

async function member(
  email: string,
  orgId: string,
  roles: Record<string, string>,
  inviter = server.key,
): Promise<{ id: string; token: string; cookie: string; csrf: string }> {
  const invite = await call(server, `/api/organizations/${orgId}/invitations`, {
    method: "POST",
    key: inviter,
    json: { email, roles },
  });
  expect(invite.status, JSON.stringify(invite.body)).toBe(201);
  const user = await call(server, "/api/auth/accept-invitation", {
    method: "POST",
    key: null,
    json: { token: invite.body.token, name: email, password: PASSWORD },
  });
  expect(user.status).toBe(201);
  return { id: user.body.id, ...(await login(email)) };
}

async function login(email: string, organizationId?: string): Promise<{ token: string; cookie: string; csrf: string }> {
  const res = await server.api("/api/auth/login", {
    method: "POST",
    key: null,
    json: { email, password: PASSWORD, ...(organizationId ? { organizationId } : {}) },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string; csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { token: body.token, cookie, csrf: body.csrfToken };
}

/** Opens an SSE stream and resolves with how long it stayed open after `trigger` ran. */
async function closesAfter(
  path: string,
  headers: Record<string, string>,
  trigger: () => Promise<unknown>,
): Promise<{ ms: number; text: string }> {
  const res = await fetch(`${server.url}${path}`, { headers });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let text = "";
  const read = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return;
      text += new TextDecoder().decode(chunk.value);
    }
  })();
  await expect.poll(() => text.includes("ready")).toBe(true);
  await trigger();
  const started = Date.now();
  await Promise.race([read, new Promise((r) => setTimeout(r, 5000))]);
  return { ms: Date.now() - started, text };
}

beforeAll(async () => {
  server = await startServer({ MULTIWA_RATE_LIMIT: "100000", MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
  t = await setUpTenants(server);
}, 120_000);
afterAll(async () => server?.stop());

describe("issue #17 authorization findings", () => {
  it("finding 1: ids inside bodies and query strings are tenant-checked", async () => {
    // Regression: PATCH /api/webhooks/{id} with another organization's profileId was accepted (B got A's events and QR).
    const before = (await call(server, `/api/webhooks/${t.b1.webhook}`, { key: t.keys.betaOrg })).body;
    const patched = await call(server, `/api/webhooks/${t.b1.webhook}`, {
      method: "PATCH",
      key: t.keys.betaOrg,
      json: { profileId: "pa1" },
    });
    expect(patched).toMatchObject({ status: 404, body: { code: "PROFILE_NOT_FOUND", field: "profileId" } });
    expect((await call(server, `/api/webhooks/${t.b1.webhook}`, { key: t.keys.betaOrg })).body).toEqual(before);
    const b1 = (path: string, json: unknown) => call(server, path, { method: "POST", key: t.keys.betaOrg, json });
    expect((await b1("/api/webhooks", { url: "http://127.0.0.1:9/x", profileId: "pa1" })).status).toBe(404);
    expect(
      (
        await b1("/api/campaigns?workspaceId=b1", {
          name: "x",
          profileIds: ["pb1", "pa1"],
          message: { text: "x" },
          audience: { contactIds: [t.b1.contact] },
          start: false,
        })
      ).body,
    ).toMatchObject({ code: "PROFILE_NOT_FOUND", field: "profileIds.1" });
    expect(
      (
        await b1("/api/rules?workspaceId=b1", {
          name: "x",
          profileIds: ["pa1"],
          trigger: { type: "keyword", keywords: ["x"] },
          actions: [{ type: "reply", text: "x" }],
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await b1("/api/rules?workspaceId=b1", {
          name: "x",
          trigger: { type: "keyword", keywords: ["x"] },
          actions: [{ type: "reply", templateId: t.a1.template }],
        })
      ).body,
    ).toMatchObject({ code: "NOT_FOUND", field: "actions.0.templateId" });
    expect((await b1(`/api/flows/${t.b1.flow}/start?workspaceId=b1`, { profileId: "pa1", chatId: PEER })).status).toBe(
      404,
    );
    expect((await b1(`/api/automation/chats/pa1/${PEER}/resume`, {})).status).toBe(404);
    expect(
      (
        await b1("/api/mcp/send/prepare", {
          profileId: "pa1",
          message: { to: PEER, content: { type: "text", text: "x" } },
        })
      ).status,
    ).toBe(404);
    expect((await call(server, "/api/flows/runs?profileId=pa1", { key: t.keys.betaOrg })).status).toBe(404);
    expect((await call(server, "/api/analytics?profileId=pa1", { key: t.keys.betaOrg })).status).toBe(404);
    expect((await call(server, "/api/contacts?workspaceId=a1", { key: t.keys.betaOrg })).status).toBe(404);
    // Regression (finding 9, ids part): path tricks and huge ids are refused by the id format, naming the field.
    for (const bad of ["..", "a%00b", "x".repeat(10_000), "a.b"]) {
      const res = await call(server, `/api/webhooks/${bad}`, { key: t.keys.a1 });
      expect(res.status, bad.slice(0, 10)).toBeLessThan(500);
      expect(res.status).toBeGreaterThanOrEqual(400);
      if (res.status !== 404) expect(res.body).toMatchObject({ field: "webhookId" });
      expect(JSON.stringify(res.body).length).toBeLessThan(2000);
    }
  });

  it("finding 2: a workspace-scoped admin never acts organization-wide (grant ceiling)", async () => {
    // Regression: an admin of one workspace minted an organization-wide key, listed/revoked organization keys, read all audit.
    const admin = await member("ws-admin@acme.test", "acme", { a1: "admin" });
    const as = (path: string, init: { method?: string; json?: unknown } = {}) =>
      call(server, path, { ...init, key: admin.token });
    expect((await as("/api/keys", { method: "POST", json: { name: "wide" } })).status).toBe(403);
    expect(
      (await as("/api/keys", { method: "POST", json: { name: "all", workspaceId: "a1", permissions: ["*"] } })).status,
    ).toBe(403);
    expect((await as("/api/keys", { method: "POST", json: { name: "a2", workspaceId: "a2" } })).status).toBe(403);
    expect(
      (
        await as("/api/keys", {
          method: "POST",
          json: { name: "ok", workspaceId: "a1", permissions: ["messages.read"] },
        })
      ).status,
    ).toBe(201);
    const keys = (await as("/api/keys")).body as { id: string; workspaceId?: string }[];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.workspaceId === "a1")).toBe(true);
    const orgKey = (
      (await call(server, "/api/keys")).body as { id: string; organizationId?: string; workspaceId?: string }[]
    ).find((k) => k.organizationId === "acme" && !k.workspaceId)!;
    expect((await as(`/api/keys/${orgKey.id}`, { method: "DELETE" })).status).toBe(404);
    const audit = (await as("/api/audit?limit=5000")).body as { workspaceId?: string }[];
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.workspaceId === "a1")).toBe(true);
    expect((await as("/api/audit?workspaceId=a2")).status).toBe(403);
    // Invitations, roles and memberships are capped the same way.
    expect(
      (
        await as("/api/organizations/acme/invitations", {
          method: "POST",
          json: { email: "x@acme.test", roles: { "*": "viewer" } },
        })
      ).status,
    ).toBe(403);
    const orgAdmin = await member("org-admin@acme.test", "acme", { "*": "admin" });
    const byOrgAdmin = (path: string, json: unknown, method = "POST") =>
      call(server, path, { method, key: orgAdmin.token, json });
    expect(
      (await byOrgAdmin("/api/organizations/acme/invitations", { email: "y@acme.test", roles: { "*": "owner" } }))
        .status,
    ).toBe(403);
    expect(
      (await byOrgAdmin("/api/organizations/acme/roles", { id: "boss", name: "Boss", permissions: ["org.manage"] }))
        .status,
    ).toBe(403);
    expect((await byOrgAdmin("/api/keys", { name: "wide", permissions: ["*"] })).status).toBe(403);
    const owner = await member("owner@acme.test", "acme", { "*": "owner" });
    expect(
      (await byOrgAdmin(`/api/organizations/acme/members/${owner.id}`, { roles: { a1: "viewer" } }, "PUT")).status,
    ).toBe(403);
    expect(
      (await byOrgAdmin(`/api/organizations/acme/members/${admin.id}`, { roles: { a1: "agent" } }, "PUT")).status,
    ).toBe(200);
  });

  it("finding 5: an existing user of another organization joins only by accepting while logged in", async () => {
    // Regression: an organization admin invited another organization's user and accepted the invitation themselves.
    const victim = await member("victim@beta.test", "beta", { b1: "viewer" });
    const invite = await call(server, "/api/organizations/acme/invitations", {
      method: "POST",
      key: t.keys.a1Org,
      json: { email: "victim@beta.test", roles: { a1: "admin" } },
    });
    expect(invite.status).toBe(201);
    const hijack = await call(server, "/api/auth/accept-invitation", {
      method: "POST",
      key: null,
      json: { token: invite.body.token, name: "attacker", password: "attacker password" },
    });
    expect(hijack).toMatchObject({ status: 401, body: { code: "UNAUTHENTICATED" } });
    const asOther = await call(server, "/api/auth/accept-invitation", {
      method: "POST",
      key: t.keys.a1Org,
      json: { token: invite.body.token },
    });
    expect(asOther.status).toBe(401);
    // The victim's login and membership are untouched.
    const again = await login("victim@beta.test");
    expect((await call(server, "/api/auth/me", { key: again.token })).body).toMatchObject({ organizationId: "beta" });
    // Logged in as themselves, they can accept.
    const accepted = await call(server, "/api/auth/accept-invitation", {
      method: "POST",
      key: victim.token,
      json: { token: invite.body.token },
    });
    expect(accepted).toMatchObject({ status: 201, body: { id: victim.id } });
  });

  it("finding 6: revoked or expired keys and logged-out sessions lose their open streams within a second", async () => {
    // Regression: a revoked or expired key kept its already-open SSE and WebSocket streams.
    const minted = (
      await call(server, "/api/keys", {
        method: "POST",
        json: { name: "stream", workspaceId: "a1", permissions: ["messages.read"] },
      })
    ).body;
    const sse = await closesAfter("/api/profiles/pa1/events", { "x-api-key": minted.token }, () =>
      call(server, `/api/keys/${minted.key.id}`, { method: "DELETE" }),
    );
    expect(sse.ms).toBeLessThan(1200);
    expect(sse.text).toContain("event: revoked");

    const wsKey = (
      await call(server, "/api/keys", {
        method: "POST",
        json: { name: "ws", workspaceId: "a1", permissions: ["messages.read"] },
      })
    ).body;
    const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/ws?apiKey=${wsKey.token}`);
    await new Promise((r) => ws.once("message", r));
    const closed = new Promise<{ code: number; at: number }>((r) =>
      ws.once("close", (code) => r({ code, at: Date.now() })),
    );
    const revokedAt = Date.now();
    await call(server, `/api/keys/${wsKey.key.id}`, { method: "DELETE" });
    const { code, at } = await closed;
    expect(code).toBe(4401);
    expect(at - revokedAt).toBeLessThan(1200);

    const soon = (
      await call(server, "/api/keys", {
        method: "POST",
        json: { name: "expiring", workspaceId: "a1", permissions: ["messages.read"], expiresAt: Date.now() + 1500 },
      })
    ).body;
    const expiry = await closesAfter("/api/profiles/pa1/events", { "x-api-key": soon.token }, async () => undefined);
    expect(expiry.ms).toBeLessThan(2500);

    const user = await member("streamer@acme.test", "acme", { a1: "viewer" });
    const out = await closesAfter("/api/profiles/pa1/events", { "x-api-key": user.token }, () =>
      server.api("/api/auth/logout", { method: "POST", key: user.token }),
    );
    expect(out.ms).toBeLessThan(1200);
    // Logout revoked the session server-side.
    expect((await call(server, "/api/auth/me", { key: user.token })).status).toBe(401);
  });

  it("finding 7: demo routes are off unless mock is named, and tenant-scoped when on", async () => {
    // Regression: the mock engine's demo routes were global across tenants and on by default.
    expect(gatewayConfig(parseConfig({})).engines).not.toContain("mock");
    await loginMockProfile(server, "pa3", "a1", "628111000009").catch(() => undefined);
    await call(server, "/api/profiles/pa3/logout", { method: "POST" });
    await call(server, "/api/profiles/pa3/start", { method: "POST" });
    let qr: string | undefined;
    for (let i = 0; i < 100 && !qr; i++, await new Promise((r) => setTimeout(r, 50)))
      qr = (await call(server, "/api/profiles/pa3/qr")).body?.qr;
    expect(
      (
        await call(server, "/api/mock/scan", {
          method: "POST",
          key: t.keys.betaOrg,
          json: { qr, phone: "628111000010" },
        })
      ).body,
    ).toMatchObject({ code: "PROFILE_NOT_FOUND", field: "qr" });
    expect(
      (await call(server, "/api/mock/scan", { method: "POST", key: t.keys.a1, json: { qr, phone: "628111000010" } }))
        .status,
    ).toBe(204);
    // A demo phone's inbox shows only what the caller's own profiles sent it; it writes only to them.
    const inbox = (key: string) =>
      call(server, `/api/mock/phones/${PEER}/messages`, { key }).then((r) => JSON.stringify(r.body));
    expect(await inbox(t.keys.a1)).toContain("seed a1");
    expect(await inbox(t.keys.betaOrg)).not.toContain("seed a1");
    expect(await inbox(t.keys.betaOrg)).toContain("seed b1");
    expect(
      (
        await call(server, `/api/mock/phones/${PEER}/messages`, {
          method: "POST",
          key: t.keys.betaOrg,
          json: { to: "628111000001", text: "spoof" },
        })
      ).status,
    ).toBe(404);
    const off = await startServer({ MULTIWA_ENGINES: "baileys" });
    try {
      expect(
        (await call(off, "/api/mock/scan", { method: "POST", json: { qr: "MOCKQR:x:1:y", phone: "628111000011" } }))
          .status,
      ).toBe(404);
      expect((await call(off, `/api/mock/phones/${PEER}/messages`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  }, 60_000);

  it("finding 8: logins are throttled per account, and cookie sessions need same-origin plus a CSRF token", async () => {
    // Regression: no rate limit or lockout on login; a foreign Origin could write with the session cookie.
    const agent = await member("agent@acme.test", "acme", { a1: "agent" });
    const attempt = (email: string, password: string) =>
      call(server, "/api/auth/login", { method: "POST", key: null, json: { email, password } });
    for (let i = 0; i < 5; i++) expect((await attempt("agent@acme.test", "wrong password!")).status).toBe(401);
    const locked = await server.api("/api/auth/login", {
      method: "POST",
      key: null,
      json: { email: "agent@acme.test", password: PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Unknown accounts throttle the same way (and cost the same: a dummy hash is checked).
    for (let i = 0; i < 5; i++) expect((await attempt("nobody@acme.test", "wrong password!")).status).toBe(401);
    expect((await attempt("nobody@acme.test", "wrong password!")).status).toBe(429);

    const host = new URL(server.url).host;
    const withCookie = (
      path: string,
      init: { method: string; headers?: Record<string, string>; body?: RequestInit["body"]; json?: unknown },
    ) =>
      server
        .api(path, { ...init, key: null, headers: { cookie: agent.cookie, ...init.headers } })
        .then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Json }));
    const evil = { origin: "http://evil.test", "sec-fetch-site": "cross-site" };
    expect(
      (
        await withCookie("/api/contacts?workspaceId=a1", {
          method: "POST",
          headers: evil,
          json: { phone: "628999000888" },
        })
      ).status,
    ).toBe(403);
    const form = new FormData();
    form.set("file", new Blob(["phone\n628999000889"], { type: "text/csv" }), "c.csv");
    expect(
      (
        await withCookie("/api/contacts/import?workspaceId=a1", {
          method: "POST",
          headers: { origin: "http://evil.test" },
          body: form,
        })
      ).status,
    ).toBe(403);
    expect(
      (await withCookie("/api/auth/logout", { method: "POST", headers: { "sec-fetch-site": "cross-site" } })).status,
    ).toBe(403);
    // Same origin without the token is refused too; with it the write goes through.
    expect(
      (
        await withCookie("/api/contacts?workspaceId=a1", {
          method: "POST",
          headers: { origin: `http://${host}` },
          json: { phone: "628999000890" },
        })
      ).body,
    ).toMatchObject({ code: "FORBIDDEN", field: "x-csrf-token" });
    expect(
      (
        await withCookie("/api/contacts?workspaceId=a1", {
          method: "POST",
          headers: { origin: `http://${host}`, "x-csrf-token": agent.csrf },
          json: { phone: "628999000891" },
        })
      ).status,
    ).toBe(201);
    expect((await withCookie("/api/profiles/pa1", { method: "GET", headers: evil })).status).toBe(200);
    // ?apiKey= only opens streams, never writes; 401 says UNAUTHENTICATED.
    expect(
      (
        await call(server, `/api/contacts?workspaceId=a1&apiKey=${t.keys.a1}`, {
          method: "POST",
          key: null,
          json: { phone: "628999000892" },
        })
      ).body,
    ).toMatchObject({ code: "UNAUTHENTICATED", field: "apiKey" });
    expect((await call(server, `/api/profiles/pa1?apiKey=${t.keys.a1}`, { key: null })).status).toBe(401);
    const abort = new AbortController();
    expect(
      (await fetch(`${server.url}/api/profiles/pa1/events?apiKey=${t.keys.a1}`, { signal: abort.signal })).status,
    ).toBe(200);
    abort.abort();
  });
});
