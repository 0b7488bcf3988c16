import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  createClient,
  MultiWAApiError,
  SIGNATURE_HEADER,
  verifyWebhookSignature,
  type GatewayEvent,
} from "@multiwa/sdk";
import { startBaileysGateway, type BaileysGateway } from "../../packages/sdk/test/helpers/gateway.js";

// @multiwa/sdk against the real gateway: Baileys engine, simulated phones, real webhooks and restarts.
let gw: BaileysGateway;
const hooks: { body: string; signature: string }[] = [];
let hookServer: Server;
let hookUrl = "";

beforeAll(async () => {
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => (hooks.push({ body, signature: String(req.headers[SIGNATURE_HEADER]) }), res.end()));
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as { port: number }).port}/hook`;
  gw = await startBaileysGateway("line");
}, 300_000);

afterAll(async () => {
  await gw?.close();
  hookServer?.close();
});

describe("@multiwa/sdk against the gateway", () => {
  it("sends and reads with typed calls, and maps errors to MultiWAApiError", async () => {
    const alice = gw.sim.createPhone({ name: "Alice" });
    const sent = await gw.admin.sendMessage({
      id: "line",
      body: { to: alice.pn, content: { type: "text", text: "hello from the sdk" } },
    });
    expect(sent.status).toMatch(/queued|sending|sent/);
    const got = await alice.nextMessage({ timeoutMs: 20_000 });
    expect(got.id).toBe(sent.id);
    expect(got.message.extendedTextMessage?.text ?? got.message.conversation).toBe("hello from the sdk");
    await expect
      .poll(async () => (await gw.admin.getMessage({ id: "line", messageId: sent.id })).status, { timeout: 20_000 })
      .toMatch(/delivered|read/);
    const chats = await gw.admin.listChats({ id: "line", query: { limit: 10 } });
    expect(chats.map((c) => c.id).join()).toContain(alice.pn);
    expect((await gw.admin.listProfiles()).map((p) => p.id)).toContain("line");

    const missing = await gw.admin.getProfile({ id: "nobody" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MultiWAApiError);
    expect(missing).toMatchObject({ status: 404, code: "PROFILE_NOT_FOUND", field: "id" });
    const invalid = await gw.admin
      .request("sendMessage", { id: "line", body: { to: alice.pn, content: { type: "text" } } as never })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 422, code: "VALIDATION_FAILED" });
    expect((invalid as MultiWAApiError).field).toMatch(/content/);
    const stranger = createClient({ baseUrl: gw.url, apiKey: "not-a-key" });
    await expect(stranger.listProfiles()).rejects.toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
    const offline = createClient({ baseUrl: "http://127.0.0.1:9", apiKey: "x" });
    await expect(offline.listProfiles()).rejects.toMatchObject({ status: 0, code: "NETWORK_ERROR" });
  }, 60_000);

  it("verifies real webhook deliveries", async () => {
    const { secret } = await gw.admin.createWebhook({
      body: { url: hookUrl, events: ["message.received"], profileId: "line" },
    });
    const bob = gw.sim.createPhone({ name: "Bob" });
    await bob.sendText(gw.me, "signed hello");
    await expect.poll(() => hooks.find((h) => h.body.includes("signed hello")), { timeout: 20_000 }).toBeTruthy();
    const hook = hooks.find((h) => h.body.includes("signed hello"))!;
    expect(await verifyWebhookSignature(hook.signature, hook.body, secret!)).toBe(true);
    expect(
      await verifyWebhookSignature(hook.signature, hook.body.replace("signed hello", "forged hello"), secret!),
    ).toBe(false);
    expect(await verifyWebhookSignature(hook.signature, hook.body, "wrong-secret")).toBe(false);
    expect(
      await verifyWebhookSignature(hook.signature, hook.body, secret!, { now: Math.floor(Date.now() / 1000) + 600 }),
    ).toBe(false);
  }, 60_000);

  it("keeps SSE and WebSocket streams alive across a gateway restart", async () => {
    const carol = gw.sim.createPhone({ name: "Carol" });
    const abort = new AbortController();
    const sse: GatewayEvent[] = [];
    let sseConnections = 0;
    void (async () => {
      for await (const e of gw.admin.live.profile("line", {
        signal: abort.signal,
        initialDelayMs: 100,
        maxDelayMs: 1000,
        onConnection: (s) => s.connected && sseConnections++,
      }))
        sse.push(e);
    })();
    const ws: GatewayEvent[] = [];
    let wsConnections = 0;
    const sub = gw.admin.live.subscribe(["line"], {
      WebSocket: WebSocket as never,
      onEvent: (e) => ws.push(e),
      onConnection: (s) => s.connected && wsConnections++,
      initialDelayMs: 100,
      maxDelayMs: 1000,
    });
    await sub.ready;
    await expect.poll(() => sse.some((e) => e.event === "ready"), { timeout: 10_000 }).toBe(true);

    const texts = (list: GatewayEvent[]) =>
      list
        .filter((e) => e.event === "message.received")
        .map((e) => (e.data as { content: { text?: string } }).content.text);
    await carol.sendText(gw.me, "before restart");
    await expect.poll(() => texts(sse), { timeout: 20_000 }).toContain("before restart");
    await expect.poll(() => texts(ws), { timeout: 20_000 }).toContain("before restart");

    await gw.restart();
    await expect.poll(() => sseConnections, { timeout: 20_000 }).toBe(2);
    await expect.poll(() => wsConnections, { timeout: 20_000 }).toBe(2);
    await carol.sendText(gw.me, "after restart");
    await expect.poll(() => texts(sse), { timeout: 20_000 }).toContain("after restart");
    await expect.poll(() => texts(ws), { timeout: 20_000 }).toContain("after restart");
    abort.abort();
    sub.close();
  }, 120_000);
});
