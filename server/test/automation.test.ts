import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { callJson, startServer, type RunningServer } from "./helpers/server.js";

// Rules, flows and AI replies over the real path: simulated phone → WhatsApp simulator → Baileys → gateway
// → automation → durable outbox → Baileys → the phone. The flow survives gateway restarts mid-question.
let sim: WhatsAppSimulator;
let server: RunningServer;
let me: SimPhone;
let alice: SimPhone;
let bob: SimPhone;
let carol: SimPhone;
let env: Record<string, string>;
let ai: Server;
const aiCalls: { auth?: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];

const call = (path: string, init: { method?: string; json?: unknown } = {}) => callJson(server, path, init);

const textOf = (m: {
  message: { conversation?: string | null; extendedTextMessage?: { text?: string | null } | null };
}) => m.message.extendedTextMessage?.text ?? m.message.conversation ?? "";
const nextText = async (phone: SimPhone, timeoutMs = 20_000) => textOf(await phone.nextMessage({ timeoutMs }));

async function waitOpen(): Promise<void> {
  await expect
    .poll(async () => (await call("/api/profiles/line")).body?.status, { timeout: 60_000, interval: 200 })
    .toBe("open");
}

async function restart(signal: NodeJS.Signals): Promise<void> {
  await server.stop(signal);
  server = await startServer(env, server.dataDir);
  await waitOpen();
}

beforeAll(async () => {
  sim = await WhatsAppSimulator.start();
  me = sim.createPhone({ name: "Gateway line" });
  alice = sim.createPhone({ name: "Alice" });
  bob = sim.createPhone({ name: "Bob" });
  carol = sim.createPhone({ name: "Carol" });
  ai = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => (raw += d));
    req.on("end", () => {
      const body = JSON.parse(raw);
      aiCalls.push({ body, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
      const last = body.messages.at(-1)?.content ?? "";
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "x",
          object: "chat.completion",
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: `AI says: you asked "${last}"` },
              finish_reason: "stop",
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((r) => ai.listen(0, "127.0.0.1", r));
  const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-ca-")), "sim.pem");
  writeFileSync(caFile, SIMULATOR_TLS_CERT);
  env = {
    MULTIWA_ENGINES: "baileys",
    MULTIWA_BAILEYS_WS_URL: sim.url,
    MULTIWA_BAILEYS_CA_FILE: caFile,
    MULTIWA_RATE_LIMIT: "100000",
    MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
  };
  server = await startServer(env);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  await new Promise((r) => ai?.close(r));
});

// Long enough for a gateway restart under CI load: at 15 s, a SIGKILL restart on a machine at load 10–18
// took so long that Bob's reply came after the question had timed out (fresh-clone CI, session 10).
const QUESTION_TIMEOUT_MS = 25_000;
const orderFlow = {
  name: "Order",
  status: "active",
  trigger: { type: "keyword", keywords: ["order"], match: "exact" },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    {
      id: "ask",
      type: "ask_question",
      position: { x: 0, y: 100 },
      data: { content: { type: "text", text: "Small or large?" }, variable: "size", timeoutMs: QUESTION_TIMEOUT_MS },
    },
    {
      id: "check",
      type: "condition",
      position: { x: 0, y: 200 },
      data: { branches: [{ id: "large", when: { left: "reply", op: "equals", right: "large" } }] },
    },
    {
      id: "big",
      type: "send_message",
      position: { x: -100, y: 300 },
      data: { content: { type: "text", text: "Large it is, {{size}}!" } },
    },
    {
      id: "other",
      type: "send_message",
      position: { x: 100, y: 300 },
      data: { content: { type: "text", text: "Small then" } },
    },
    {
      id: "late",
      type: "send_message",
      position: { x: 200, y: 100 },
      data: { content: { type: "text", text: "Too late, order cancelled" } },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "ask" },
    { id: "e2", source: "ask", target: "check", sourceHandle: "reply" },
    { id: "e3", source: "ask", target: "late", sourceHandle: "timeout" },
    { id: "e4", source: "check", target: "big", sourceHandle: "large" },
    { id: "e5", source: "check", target: "other", sourceHandle: "else" },
  ],
};

describe("automation against the simulator with real Baileys", () => {
  it("pairs the gateway line", async () => {
    expect(
      (
        await call("/api/profiles", {
          method: "POST",
          json: { id: "line", name: "Line", engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
        })
      ).status,
    ).toBe(201);
    await call("/api/profiles/line/start", { method: "POST" });
    await expect.poll(async () => (await call("/api/profiles/line")).body.status, { timeout: 20_000 }).toBe("qr");
    await me.scanQr((await call("/api/profiles/line/qr")).body.qr);
    await waitOpen();
  }, 90_000);

  it("a phone says 'price' and the rule's reply reaches it", async () => {
    const created = await call("/api/rules", {
      method: "POST",
      json: {
        name: "Price",
        trigger: { type: "keyword", keywords: ["price"], match: "contains" },
        actions: [{ type: "reply", text: "Our price is 10 EUR" }],
      },
    });
    expect(created.status).toBe(201);
    expect((await call("/api/rules")).body.rules.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    expect(
      (
        await call("/api/rules", {
          method: "POST",
          json: { name: "bad", trigger: { type: "regex", pattern: "(a)\\1" }, actions: [{ type: "reply", text: "x" }] },
        })
      ).status,
    ).toBe(422);
    await alice.sendText(me, "What is the PRICE?");
    expect(await nextText(alice)).toBe("Our price is 10 EUR");
    expect(
      (await call(`/api/rules/${created.body.id}`, { method: "PATCH", json: { enabled: false } })).body.enabled,
    ).toBe(false);
  }, 60_000);

  it("flows over REST: validation, versions, a dry test run", async () => {
    const draft = await call("/api/flows", {
      method: "POST",
      json: { name: "Draft", nodes: [{ id: "x", type: "send_message", position: { x: 0, y: 0 }, data: {} }] },
    });
    expect(draft.status).toBe(201);
    const check = await call(`/api/flows/${draft.body.id}/validate`, { method: "POST" });
    expect(check.body.valid).toBe(false);
    expect(check.body.errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(["NO_START", "MISSING_DATA"]),
    );
    const activate = await call(`/api/flows/${draft.body.id}`, { method: "PATCH", json: { status: "active" } });
    expect(activate.status).toBe(422);
    expect(activate.body.details.errors.length).toBeGreaterThan(0);
    expect((await call(`/api/flows/${draft.body.id}`, { method: "DELETE" })).status).toBe(204);
    // flows.manage does not grant rules.manage.
    const key = await call("/api/keys", {
      method: "POST",
      json: { name: "flow editor", permissions: ["flows.manage"] },
    });
    expect((await server.api("/api/flows", { key: key.body.token })).status).toBe(200);
    expect((await server.api("/api/rules", { key: key.body.token })).status).toBe(403);
    expect((await server.api("/api/automation/settings", { key: key.body.token })).status).toBe(403);
  }, 30_000);

  it("question → branch on the reply completes across a gateway kill while it waits; the timeout path fires after a restart", async () => {
    const flow = await call("/api/flows", { method: "POST", json: orderFlow });
    expect(flow.status).toBe(201);
    expect((await call(`/api/flows/${flow.body.id}/versions`, { method: "POST" })).body.version).toBe(1);
    expect(
      (await call(`/api/flows/${flow.body.id}/versions`)).body.versions.map(
        (v: { version: number; nodes: unknown[] }) => [v.version, v.nodes.length],
      ),
    ).toEqual([[1, 6]]);
    const dry = await call(`/api/flows/${flow.body.id}/test-run`, { method: "POST", json: { replies: ["Large"] } });
    expect(dry.body).toMatchObject({
      status: "completed",
      path: ["start", "ask", "check", "big"],
      transcript: [
        { from: "bot", text: "Small or large?" },
        { from: "user", text: "Large" },
        { from: "bot", text: "Large it is, Large!" },
      ],
    });

    await bob.sendText(me, "Order");
    expect(await nextText(bob)).toBe("Small or large?");
    const bobAskedAt = Date.now();
    await expect
      .poll(async () => (await call(`/api/flows/runs?profileId=line&chatId=${bob.pn}`)).body.runs[0]?.status, {
        timeout: 10_000,
      })
      .toBe("waiting");
    await restart("SIGKILL");
    expect(Date.now() - bobAskedAt, "the gateway was back before the question timed out").toBeLessThan(
      QUESTION_TIMEOUT_MS - 3_000,
    );
    await bob.sendText(me, "large");
    expect(await nextText(bob)).toBe("Large it is, large!");
    const runs = (await call(`/api/flows/runs?profileId=line&chatId=${bob.pn}`)).body.runs;
    expect(runs[0]).toMatchObject({
      status: "completed",
      path: ["start", "ask", "check", "big"],
      variables: { size: "large" },
    });

    await carol.sendText(me, "order");
    expect(await nextText(carol)).toBe("Small or large?");
    const askedAt = Date.now();
    await restart("SIGTERM");
    expect(Date.now() - askedAt, "the gateway was back before the question timed out").toBeLessThan(
      QUESTION_TIMEOUT_MS,
    );
    expect(await nextText(carol, 50_000)).toBe("Too late, order cancelled");
    await new Promise((r) => setTimeout(r, 1000));
    expect(carol.inbox.all.map(textOf)).toEqual(["Small or large?", "Too late, order cancelled"]); // nothing twice
    expect(bob.inbox.all.map(textOf)).toEqual(["Small or large?", "Large it is, large!"]);
  }, 180_000);

  it("an AI reply from a local OpenAI-compatible endpoint; the key is never shown", async () => {
    const url = `http://127.0.0.1:${(ai.address() as AddressInfo).port}/v1`;
    const put = await call("/api/automation/settings", {
      method: "PUT",
      json: { ai: { baseUrl: url, apiKey: "sk-local-secret", model: "local-model" } },
    });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain("sk-local-secret");
    expect((await call("/api/automation/settings")).body).toEqual({
      ai: { baseUrl: url, model: "local-model", contextMessages: 10, timeoutMs: 30_000, hasApiKey: true },
    });
    const flow = await call("/api/flows", {
      method: "POST",
      json: {
        name: "Assistant",
        status: "active",
        trigger: { type: "keyword", keywords: ["assistant"], match: "contains" },
        nodes: [
          { id: "s", type: "start", position: { x: 0, y: 0 }, data: {} },
          { id: "ai", type: "ai_reply", position: { x: 0, y: 100 }, data: { systemPrompt: "Be brief." } },
        ],
        edges: [{ id: "e", source: "s", target: "ai" }],
      },
    });
    expect(flow.status).toBe(201);
    await alice.sendText(me, "assistant: which shoes fit me?");
    expect(await nextText(alice)).toBe('AI says: you asked "assistant: which shoes fit me?"');
    const last = aiCalls.at(-1)!;
    expect(last.auth).toBe("Bearer sk-local-secret");
    expect(last.body.model).toBe("local-model");
    expect(last.body.messages[0]).toEqual({ role: "system", content: "Be brief." });
    expect(last.body.messages).toContainEqual({ role: "assistant", content: "Our price is 10 EUR" });
    expect(server.output()).not.toContain("sk-local-secret");
  }, 60_000);
});
