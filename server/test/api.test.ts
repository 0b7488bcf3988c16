import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG_BASE64 } from "@multiwa/core/testing";
import { startServer, type RunningServer } from "./helpers/server.js";

let server: RunningServer;
const PEER = "628999888777";
const ME = "628111222333";

beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(async () => server?.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(res: Response | Promise<Response>): Promise<{ status: number; body: any }> {
  const r = await res;
  return { status: r.status, body: r.status === 204 ? null : await r.json() };
}

async function loginDemoProfile(id: string) {
  expect(
    (
      await json(
        server.api("/api/profiles", {
          method: "POST",
          json: { id, name: id, engine: "mock", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
        }),
      )
    ).status,
  ).toBe(201);
  const started = await json(server.api(`/api/profiles/${id}/start`, { method: "POST" }));
  expect(started.body).toMatchObject({ status: "qr" });
  const qr = await json(server.api(`/api/profiles/${id}/qr`));
  expect(qr.body.dataUrl).toMatch(/^data:image\/png;base64,/);
  const png = await server.api(`/api/profiles/${id}/qr?format=png`);
  expect(png.headers.get("content-type")).toBe("image/png");
  expect(
    Buffer.from(await png.arrayBuffer())
      .subarray(1, 4)
      .toString(),
  ).toBe("PNG");
  expect(
    (await json(server.api("/api/mock/scan", { method: "POST", json: { qr: qr.body.qr, phone: ME } }))).status,
  ).toBe(204);
  await expect.poll(async () => (await json(server.api(`/api/profiles/${id}`))).body.status).toBe("open");
}

describe("gateway REST API", () => {
  it("logs in a profile by QR and reports it", async () => {
    await loginDemoProfile("demo");
    const { body } = await json(server.api("/api/profiles/demo"));
    expect(body).toMatchObject({
      id: "demo",
      engine: "mock",
      status: "open",
      me: { jid: `${ME}@s.whatsapp.net` },
      capabilities: { "send.poll": true },
    });
    expect((await json(server.api("/api/profiles"))).body.map((p: { id: string }) => p.id)).toContain("demo");
    expect((await json(server.api("/api/engines"))).body.mock["send.poll"]).toBe(true);
  });

  it("sends every message type, by JSON, typed route and multipart upload", async () => {
    const sends: [string, unknown][] = [
      ["/api/profiles/demo/messages", { to: PEER, content: { type: "text", text: "json text" } }],
      ["/api/profiles/demo/send/text", { to: PEER, text: "typed text" }],
      ["/api/profiles/demo/send/image", { to: PEER, media: { base64: PNG_BASE64 }, caption: "pic" }],
      ["/api/profiles/demo/send/location", { to: PEER, latitude: -6.2, longitude: 106.8 }],
      ["/api/profiles/demo/send/contact", { to: PEER, contacts: [{ name: "Ada", phone: "+44 20 7946 0000" }] }],
      ["/api/profiles/demo/send/poll", { to: PEER, name: "Lunch?", options: ["Yes", "No"] }],
      ["/api/profiles/demo/send/event", { to: PEER, name: "Launch", startTime: Date.UTC(2027, 0, 1, 10) }],
    ];
    const ids: string[] = [];
    for (const [path, payload] of sends) {
      const res = await json(server.api(path, { method: "POST", json: payload }));
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body.status).toBe("queued");
      ids.push(res.body.id);
    }
    const form = new FormData();
    form.set("to", PEER);
    form.set("type", "document");
    form.set("fileName", "report.pdf");
    form.set("file", new Blob([Buffer.from("%PDF-1.1 test")], { type: "application/pdf" }), "report.pdf");
    const upload = await json(server.api("/api/profiles/demo/messages", { method: "POST", body: form }));
    expect(upload.status, JSON.stringify(upload.body)).toBe(202);
    ids.push(upload.body.id);

    await expect
      .poll(async () => (await json(server.api(`/api/profiles/demo/messages/${ids.at(-1)}`))).body.status)
      .toMatch(/sent|delivered/);
    const inbox = (await json(server.api(`/api/mock/phones/${PEER}/messages`))).body as {
      id: string;
      content: { type: string; fileName?: string; mimetype?: string };
    }[];
    expect(inbox.map((m) => m.id)).toEqual(ids);
    expect(inbox.map((m) => m.content.type)).toEqual([
      "text",
      "text",
      "image",
      "location",
      "contact",
      "poll",
      "event",
      "document",
    ]);
    expect(inbox.at(-1)!.content).toMatchObject({ fileName: "report.pdf", mimetype: "application/pdf" });
  });

  it("honours idempotency keys over HTTP", async () => {
    const payload = { to: PEER, content: { type: "text", text: "once" }, options: { idempotencyKey: "invoice-7" } };
    const a = await json(server.api("/api/profiles/demo/messages", { method: "POST", json: payload }));
    const b = await json(server.api("/api/profiles/demo/messages", { method: "POST", json: payload }));
    expect(b.body.id).toBe(a.body.id);
  });

  it("keeps chat history for both directions", async () => {
    const sent = await json(
      server.api(`/api/mock/phones/${PEER}/messages`, { method: "POST", json: { to: ME, text: "hello gateway" } }),
    );
    expect(sent.status).toBe(201);
    await expect
      .poll(async () => (await json(server.api("/api/profiles/demo/chats"))).body[0]?.lastMessage?.text)
      .toBe("hello gateway");
    const history = await json(server.api(`/api/profiles/demo/chats/${PEER}/messages?limit=3`));
    expect(history.body.messages.map((m: { fromMe: boolean }) => m.fromMe)).toEqual([true, true, false]);
    expect(history.body.next).toBeTruthy();
    const [chat] = (await json(server.api("/api/profiles/demo/chats"))).body;
    expect(chat.unread).toBe(1);
    expect(
      (
        await json(
          server.api(`/api/profiles/demo/chats/${PEER}/read`, { method: "POST", json: { ids: [sent.body.id] } }),
        )
      ).status,
    ).toBe(204);
    expect((await json(server.api("/api/profiles/demo/chats"))).body[0].unread).toBe(0);
  });

  it("manages groups", async () => {
    const group = await json(
      server.api("/api/profiles/demo/groups", { method: "POST", json: { subject: "Team", participants: [PEER] } }),
    );
    expect(group.status).toBe(201);
    const gid = encodeURIComponent(group.body.id);
    expect((await json(server.api(`/api/profiles/demo/groups/${gid}`))).body.participants).toHaveLength(2);
    expect(
      (
        await json(
          server.api(`/api/profiles/demo/groups/${gid}/participants`, {
            method: "POST",
            json: { action: "promote", participants: [PEER] },
          }),
        )
      ).body,
    ).toEqual([{ jid: `${PEER}@s.whatsapp.net`, status: "200" }]);
    expect((await json(server.api(`/api/profiles/demo/groups/${gid}/invite`))).body.link).toMatch(
      /^https:\/\/chat\.whatsapp\.com\//,
    );
    expect((await json(server.api(`/api/profiles/demo/groups/${gid}/leave`, { method: "POST" }))).status).toBe(204);
  });

  it("streams a profile's events over SSE", async () => {
    const controller = new AbortController();
    const res = await server.api("/api/profiles/demo/events", { signal: controller.signal });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    await server.api(`/api/mock/phones/${PEER}/messages`, { method: "POST", json: { to: ME, text: "over sse" } });
    let text = "";
    while (!text.includes("over sse")) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain("event: message.received");
    controller.abort();
  });

  it("answers bad input with 4xx and a JSON error naming the field", async () => {
    const cases: [string, RequestInit & { json?: unknown; key?: string | null }, number, Record<string, unknown>][] = [
      ["/api/profiles", { key: null }, 401, { code: "UNAUTHENTICATED" }],
      ["/api/profiles", { key: "wrong" }, 401, { code: "UNAUTHENTICATED" }],
      ["/api/profiles/nope", {}, 404, { code: "PROFILE_NOT_FOUND", field: "id" }],
      ["/api/profiles", { method: "POST", json: { id: "demo", name: "dup" } }, 409, { code: "PROFILE_EXISTS" }],
      [
        "/api/profiles",
        { method: "POST", json: { name: "x", engine: "nope" } },
        422,
        { code: "ENGINE_NOT_FOUND", field: "engine" },
      ],
      [
        "/api/profiles/demo/messages",
        { method: "POST", json: { to: "abc", content: { type: "text", text: "x" } } },
        422,
        { code: "INVALID_JID", field: "to" },
      ],
      [
        "/api/profiles/demo/messages",
        { method: "POST", json: { to: PEER, content: { type: "location", latitude: 100, longitude: 0 } } },
        422,
        { code: "VALIDATION_FAILED", field: "content.latitude" },
      ],
      [
        "/api/profiles/demo/messages",
        { method: "POST", body: "{nope", headers: { "content-type": "application/json" } },
        400,
        { code: "MALFORMED_JSON" },
      ],
      [
        "/api/profiles/demo/messages",
        { method: "POST", body: "to=1", headers: { "content-type": "text/plain" } },
        415,
        { code: "UNSUPPORTED_MEDIA_TYPE" },
      ],
      [
        "/api/profiles/demo/send/fax",
        { method: "POST", json: { to: PEER } },
        422,
        { code: "VALIDATION_FAILED", field: "type" },
      ],
      ["/api/profiles/demo/messages/NOPE", {}, 404, { code: "MESSAGE_NOT_FOUND" }],
      ["/api/profiles/demo/qr", {}, 409, { code: "NO_QR" }],
      ["/api/nothing-here", {}, 404, { code: "NOT_FOUND" }],
    ];
    for (const [path, init, status, body] of cases) {
      const res = await json(server.api(path, init));
      expect([path, res.status]).toEqual([path, status]);
      expect(res.body).toMatchObject(body);
      expect(typeof res.body.message).toBe("string");
    }
  });

  it("scopes API keys to their workspace and permissions", async () => {
    expect(
      (
        await json(
          server.api("/api/organizations/default/workspaces", {
            method: "POST",
            json: { id: "ws-a", name: "Workspace A" },
          }),
        )
      ).status,
    ).toBe(201);
    const created = await json(
      server.api("/api/keys", {
        method: "POST",
        json: { name: "ws-a", workspaceId: "ws-a", permissions: ["profiles.*", "messages.*"] },
      }),
    );
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(JSON.stringify((await json(server.api("/api/keys"))).body)).not.toContain(token);
    const mine = await json(
      server.api("/api/profiles", { method: "POST", key: token, json: { id: "in-a", name: "A" } }),
    );
    expect(mine.body.workspaceId).toBe("ws-a");
    // The demo profile lives in "default": invisible to the workspace key.
    expect((await json(server.api("/api/profiles", { key: token }))).body.map((p: { id: string }) => p.id)).toEqual([
      "in-a",
    ]);
    expect((await json(server.api("/api/profiles/demo", { key: token }))).status).toBe(404);
    expect(
      (
        await json(
          server.api("/api/profiles/demo/messages", {
            method: "POST",
            key: token,
            json: { to: PEER, content: { type: "text", text: "x" } },
          }),
        )
      ).status,
    ).toBe(404);
    expect((await json(server.api("/api/keys", { key: token }))).status).toBe(403);
    expect(
      (await json(server.api(`/api/keys/${created.body.key.id}`, { method: "DELETE" }))).body.revokedAt,
    ).toBeTypeOf("number");
    expect((await json(server.api("/api/profiles", { key: token }))).status).toBe(401);
  });

  it("pages rules and flows by keyset cursor (#18)", async () => {
    const rule = (name: string, priority: number) =>
      json(
        server.api("/api/rules", {
          method: "POST",
          json: {
            name,
            priority,
            trigger: { type: "keyword", keywords: [name] },
            actions: [{ type: "reply", text: "x" }],
          },
        }),
      );
    for (const [name, priority] of [
      ["p-hi", 7],
      ["p-mid", 5],
      ["p-lo", 2],
    ] as const)
      expect((await rule(name, priority)).status).toBe(201);
    const first = await json(server.api("/api/rules?limit=2"));
    expect(first.body.rules.map((r: { name: string }) => r.name)).toEqual(["p-hi", "p-mid"]);
    // A rule landing ahead of the first page does not push "p-mid" onto the second.
    expect((await rule("p-top", 9)).status).toBe(201);
    const second = await json(server.api(`/api/rules?limit=2&after=${first.body.nextCursor}`));
    expect(second.body.rules.map((r: { name: string }) => r.name)).toEqual(["p-lo"]);
    expect(second.body.nextCursor).toBeUndefined();
    const bad = await json(server.api("/api/rules?after=nope"));
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: "VALIDATION_FAILED", field: "after" });
    for (const name of ["fa", "fb"])
      expect((await json(server.api("/api/flows", { method: "POST", json: { name } }))).status).toBe(201);
    const f1 = await json(server.api("/api/flows?limit=1"));
    const f2 = await json(server.api(`/api/flows?limit=1&after=${f1.body.nextCursor}`));
    expect([...f1.body.flows, ...f2.body.flows].map((f: { name: string }) => f.name)).toEqual(["fa", "fb"]);
  });

  it("publishes OpenAPI 3.1 for every route, and a docs page", async () => {
    const doc = (await json(fetch(`${server.url}/openapi.json`))).body;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/profiles",
        "/api/profiles/{id}/messages",
        "/api/profiles/{id}/send/{type}",
        "/api/profiles/{id}/groups/{groupId}/participants",
      ]),
    );
    const send = doc.paths["/api/profiles/{id}/messages"].post;
    // Seventeen content types since events and their answers (issue #21).
    expect(send.requestBody.content["application/json"].schema.properties.content.oneOf.length).toBe(17);
    expect(send.requestBody.content).toHaveProperty("multipart/form-data");
    // Issue #19 item 7: a named view is one component, referred to by every operation that returns it.
    expect(doc.paths["/api/keys"].get.responses["200"].content["application/json"].schema).toEqual({
      type: "array",
      items: { $ref: "#/components/schemas/ApiKey" },
    });
    expect(doc.components.schemas.ApiKey.required).toContain("permissions");
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
    const html = await (await fetch(`${server.url}/docs`)).text();
    expect(html).toContain("/openapi.json");
  });
});
