import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySignature } from "@multiwa/core";
import { ensureBuilt, startServer, type RunningServer } from "./helpers/server.js";

// Demo mode (#24): the gateway runs the WhatsApp Web simulator in process; a real Baileys profile links
// to a simulated phone, contacts message it, and the built-in inspector records the signed deliveries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const PASSWORD = "demo-password-for-tests";
const ANI = "6281200000001";
let server: RunningServer;
let demoUser = "";
let otherTenant = "";

async function call(
  path: string,
  init: { method?: string; json?: unknown; key?: string | null } = {},
): Promise<{ status: number; body: Json }> {
  const res = await server.api(path, {
    ...init,
    ...(init.json !== undefined && !init.method ? { method: "POST" } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text || null,
  };
}

async function until<T>(check: () => Promise<T | undefined | false>, what: string, timeout = 30_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// The build is shared by every server start below; under load it outlasts a test's own timeout.
beforeAll(() => ensureBuilt(), 600_000);

describe("demo mode refusals", () => {
  // Regression: #24, demo mode serves a fake network and an open receiver; production must not start it by accident.
  it("refuses to start with NODE_ENV=production unless forced, and has no routes when off", async () => {
    const refused = startServer({ MULTIWA_DEMO: "1", NODE_ENV: "production" });
    await expect(refused).rejects.toThrow(/MULTIWA_DEMO=1 is refused with NODE_ENV=production.*MULTIWA_DEMO_FORCE=1/s);
    const forced = await startServer({
      MULTIWA_DEMO: "1",
      MULTIWA_DEMO_FORCE: "1",
      NODE_ENV: "production",
      MULTIWA_ENGINES: "baileys",
    });
    try {
      expect((await forced.api("/api/demo")).status).toBe(200);
    } finally {
      await forced.stop();
    }
    const off = await startServer();
    try {
      const res = await off.api("/api/demo");
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("MULTIWA_DEMO=1") });
    } finally {
      await off.stop();
    }
  }, 120_000);
});

describe("demo mode", () => {
  beforeAll(async () => {
    server = await startServer({
      MULTIWA_DEMO: "1",
      MULTIWA_DEMO_PASSWORD: PASSWORD,
      MULTIWA_ENGINES: "baileys,mock",
      MULTIWA_RATE_LIMIT: "100000",
    });
    expect(server.output()).toContain("demo@multiwa.local");
    const login = await call("/api/auth/login", {
      key: null,
      json: { email: "demo@multiwa.local", password: PASSWORD },
    });
    expect(login.status).toBe(200);
    demoUser = login.body.token;
    await call("/api/organizations", { json: { id: "acme", name: "Acme" } });
    await call("/api/organizations/acme/workspaces", { json: { id: "acme-ws", name: "Acme" } });
    otherTenant = (await call("/api/keys", { json: { name: "acme", workspaceId: "acme-ws" } })).body.token;
  }, 120_000);
  afterAll(async () => server?.stop());

  it("links the seeded Baileys profile to a simulated phone, exchanges messages with receipts, and inspects the signed deliveries", async () => {
    const status = await call("/api/demo?workspaceId=demo", { key: demoUser });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ workspaceId: "demo", profileId: "demo-line", lines: {} });
    expect(status.body.contacts.map((c: { phone: string }) => c.phone)).toContain(ANI);
    expect((await call("/api/profiles/demo-line", { key: demoUser })).body).toMatchObject({
      engine: "baileys",
      workspaceId: "demo",
      status: "stopped",
    });

    // Linking needs a QR on screen.
    expect((await call("/api/demo/profiles/demo-line/link", { method: "POST", key: demoUser })).body).toMatchObject({
      code: "NO_QR",
    });
    await call("/api/profiles/demo-line/start", { method: "POST", key: demoUser });
    await until(async () => (await call("/api/profiles/demo-line", { key: demoUser })).body.status === "qr", "a QR");
    const linked = await call("/api/demo/profiles/demo-line/link", { method: "POST", key: demoUser });
    expect(linked.status).toBe(201);
    await until(
      async () => (await call("/api/profiles/demo-line", { key: demoUser })).body.status === "open",
      "the profile to open",
    );
    expect((await call("/api/demo?workspaceId=demo", { key: demoUser })).body.lines).toEqual({
      "demo-line": linked.body.phone,
    });

    // Ani → profile: arrives in the gateway's history and at the inspector, signed with the demo webhook's secret.
    const hello = await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, {
      key: demoUser,
      json: { type: "text", text: "Halo!" },
    });
    expect(hello.status).toBe(201);
    await until(
      async () =>
        (await call(`/api/profiles/demo-line/chats/${ANI}/messages`, { key: demoUser })).body.messages?.some(
          (m: Json) => m.id === hello.body.id,
        ),
      "the message in the history",
    );
    const received = await until(
      async () =>
        (await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body.records.find(
          (r: Json) => r.event === "message.received" && r.body.includes(hello.body.id),
        ),
      "the inspected delivery",
    );
    expect(received).toMatchObject({ attempt: 1, answered: 200, signature: { valid: true } });
    expect(received.headers).toMatchObject({
      "x-multiwa-event": "message.received",
      "x-multiwa-delivery": received.deliveryId,
      "content-type": "application/json",
    });
    expect(JSON.parse(received.body)).toMatchObject({
      id: received.deliveryId,
      event: "message.received",
      profileId: "demo-line",
      data: { content: { type: "text", text: "Halo!" } },
    });

    // Profile → Ani: the phone panel shows it with the receipts the phone sent back.
    const reply = await call("/api/profiles/demo-line/messages", {
      key: demoUser,
      json: { to: ANI, content: { type: "text", text: "Halo Ani" } },
    });
    await until(
      async () =>
        (await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, { key: demoUser })).body.find(
          (m: Json) => m.id === reply.body.id && m.status === "read",
        ),
      "the reply read",
    );
    const read = (await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, { key: demoUser })).body.find(
      (m: Json) => m.id === reply.body.id,
    );
    expect(read.receipts.delivered).toBeLessThanOrEqual(read.receipts.read);
    const poll = await call("/api/profiles/demo-line/send/poll", {
      key: demoUser,
      json: { to: ANI, name: "Lunch?", options: ["Pizza", "Sushi"] },
    });
    await until(
      async () =>
        (await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, { key: demoUser })).body.find(
          (m: Json) => m.id === poll.body.id,
        ),
      "the poll at the phone",
    );
    const thread = (await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, { key: demoUser })).body;
    expect(thread.map((m: Json) => [m.direction, m.type, m.text])).toEqual([
      ["out", "text", "Halo!"],
      ["in", "text", "Halo Ani"],
      ["in", "poll", "Lunch?"],
    ]);

    // Votes, reactions and pictures reach the profile through the real client.
    const bad = await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, {
      key: demoUser,
      json: { type: "poll_vote", messageId: poll.body.id, options: ["Tacos"] },
    });
    expect(bad.body).toMatchObject({ code: "VALIDATION_FAILED", field: "options" });
    expect(
      (
        await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, {
          key: demoUser,
          json: { type: "poll_vote", messageId: poll.body.id, options: ["Sushi"] },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, {
          key: demoUser,
          json: { type: "reaction", messageId: reply.body.id, emoji: "👍" },
        })
      ).status,
    ).toBe(201);
    const picture = await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, {
      key: demoUser,
      json: { type: "image", caption: "menu" },
    });
    await until(async () => {
      const page = (await call(`/api/profiles/demo-line/chats/${ANI}/messages`, { key: demoUser })).body
        .messages as Json[];
      const votes = page.find((m) => m.id === poll.body.id)?.content.votes;
      return (
        votes?.[`${ANI}@s.whatsapp.net`]?.[0] === "Sushi" &&
        page.some((m) => m.content.type === "reaction" && m.content.emoji === "👍") &&
        page.some((m) => m.id === picture.body.id && m.content.type === "image")
      );
    }, "the vote, the reaction and the picture in the history");
    expect(
      (await server.api(`/api/profiles/demo-line/messages/${picture.body.id}/media`, { key: demoUser })).headers.get(
        "content-type",
      ),
    ).toBe("image/png");

    // Failing on purpose shows a retry: same delivery id, attempt 2.
    expect(
      (await call("/api/demo/inspector/fail?workspaceId=demo", { key: demoUser, json: { count: 1 } })).status,
    ).toBe(204);
    const again = await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, {
      key: demoUser,
      json: { type: "text", text: "retry me" },
    });
    const attempts = await until(async () => {
      const records = (await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body.records.filter(
        (r: Json) => r.event === "message.received" && r.body.includes(again.body.id),
      );
      return records.length === 2 && records;
    }, "the retried delivery");
    expect(attempts.map((r: Json) => [r.attempt, r.answered])).toEqual([
      [2, 200],
      [1, 500],
    ]);
    expect(attempts[0].deliveryId).toBe(attempts[1].deliveryId);
  }, 180_000);

  it("records forged requests as unsigned and refuses unknown inspector URLs", async () => {
    const { url } = (await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body;
    const path = new URL(url).pathname;
    const forged = await server.api(path, {
      method: "POST",
      key: null,
      headers: { "content-type": "application/json", "x-multiwa-signature": "t=1,v1=00" },
      body: '{"event":"message.received"}',
    });
    expect(await forged.json()).toEqual({ received: true, signatureValid: false });
    const [latest] = (await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body.records;
    expect(latest.signature).toMatchObject({ valid: false, reason: expect.stringContaining("does not match") });
    expect(
      (await server.api("/api/demo/hooks/000000000000000000000000", { method: "POST", key: null, json: {} })).status,
    ).toBe(404);
    expect((await server.api("/api/demo/hooks/not-a-token", { method: "POST", key: null, json: {} })).status).toBe(422);
    // The demo's own webhook verifies with the SDK's helper too (the contract a receiver implements).
    const signed = (await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body.records.find(
      (r: Json) => r.signature.valid,
    );
    expect(verifySignature(signed.headers["x-multiwa-signature"], signed.body, "not the secret")).toBe(false);
  });

  it("is tenant-scoped: another workspace's key sees none of the demo workspace", async () => {
    const other = { key: otherTenant };
    expect((await call("/api/demo/profiles/demo-line/link", { method: "POST", ...other })).status).toBe(404);
    expect((await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, other)).body).toMatchObject({
      code: "PROFILE_NOT_FOUND",
    });
    expect(
      (
        await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, {
          ...other,
          json: { type: "text", text: "x" },
        })
      ).status,
    ).toBe(404);
    // Naming another tenant's workspace looks missing (#17 finding 1); without it a key acts in its own.
    const demoInspector = (await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body;
    expect((await call("/api/demo/inspector?workspaceId=demo", other)).status).toBe(404);
    expect((await call("/api/demo/reset?workspaceId=demo", { method: "POST", ...other })).status).toBe(404);
    const own = await call("/api/demo/inspector", other);
    expect(own.body.records).toEqual([]);
    expect(own.body.url).not.toBe(demoInspector.url);
    expect((await call("/api/demo/reset", { method: "POST", ...other })).status).toBe(204);
    expect((await call("/api/profiles/demo-line", { key: demoUser })).body.status).toBe("open");
    expect((await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body.records).toHaveLength(
      demoInspector.records.length,
    );
    // The other workspace got its own demo profile, invisible from the demo organization.
    expect((await call("/api/profiles/demo-line-acme-ws", other)).status).toBe(200);
    expect((await call("/api/profiles/demo-line-acme-ws", { key: demoUser })).status).toBe(404);
    expect((await call("/api/demo", other)).body).toMatchObject({ workspaceId: "acme-ws", lines: {} });
  });

  it("resets the workspace's demo data and seeds it again", async () => {
    const before = (await call("/api/webhooks", { key: demoUser })).body as Json[];
    expect((await call("/api/demo/reset?workspaceId=demo", { method: "POST", key: demoUser })).status).toBe(204);
    expect((await call("/api/profiles/demo-line", { key: demoUser })).body).toMatchObject({ status: "stopped" });
    expect((await call(`/api/profiles/demo-line/chats/${ANI}/messages`, { key: demoUser })).body.messages).toEqual([]);
    const after = (await call("/api/webhooks", { key: demoUser })).body as Json[];
    expect(after).toHaveLength(1);
    expect(after[0].id).not.toBe(before[0].id);
    expect((await call("/api/demo/inspector?workspaceId=demo", { key: demoUser })).body.records).toEqual([]);
    expect((await call("/api/demo?workspaceId=demo", { key: demoUser })).body.lines).toEqual({});
    expect((await call(`/api/demo/profiles/demo-line/phones/${ANI}/messages`, { key: demoUser })).body).toMatchObject({
      code: "DEMO_NOT_LINKED",
    });
    // Another workspace's data is untouched by this reset.
    expect((await call("/api/profiles/demo-line-acme-ws", { key: otherTenant })).status).toBe(200);
  });
});
