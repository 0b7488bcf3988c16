import { createServer } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { verifySignature } from "@multiwa/core";
import { startServer, type RunningServer } from "./helpers/server.js";

const ME = "628111222333";
const PEER = "628999888777";

/** A slow receiver, so deliveries are still in flight when the gateway is killed. */
async function startReceiver(delayMs: number) {
  const hits: { id: string; event: string; signature: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      setTimeout(() => {
        hits.push({
          id: String(req.headers["x-multiwa-delivery"]),
          event: String(req.headers["x-multiwa-event"]),
          signature: String(req.headers["x-multiwa-signature"]),
          body,
        });
        res.end("ok");
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`,
    hits,
    close: () => server.close(),
  };
}

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop("SIGKILL");
});

type Created = { webhook: { id: string }; secret: string };
type Deliveries = { pending: unknown[]; delivered: unknown[] };

async function login(server: RunningServer) {
  await server.api("/api/profiles", { method: "POST", json: { id: "hooked", name: "Hooked", engine: "mock" } });
  await server.api("/api/profiles/hooked/start", { method: "POST" });
  const { qr } = (await (await server.api("/api/profiles/hooked/qr")).json()) as { qr: string };
  await server.api("/api/mock/scan", { method: "POST", json: { qr, phone: ME } });
  await expect
    .poll(async () => ((await (await server.api("/api/profiles/hooked")).json()) as { status: string }).status)
    .toBe("open");
}

describe("webhooks through the gateway", () => {
  it("delivers every event exactly once by id across a kill -9 with deliveries in flight", async () => {
    // Slow enough that 16 deliveries at a time (the dispatcher's concurrency) cannot finish all 40 before the kill.
    const receiver = await startReceiver(3000);
    const env = { MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" };
    const first = await startServer(env);
    servers.push(first);
    await login(first);
    const created = await first.api("/api/webhooks", {
      method: "POST",
      json: { url: receiver.url, events: ["message.received"], profileId: "hooked" },
    });
    expect(created.status).toBe(201);
    const { webhook, secret } = (await created.json()) as Created;

    const COUNT = 40;
    for (let i = 0; i < COUNT; i++) {
      expect(
        (await first.api(`/api/mock/phones/${PEER}/messages`, { method: "POST", json: { to: ME, text: `m${i}` } }))
          .status,
      ).toBe(201);
    }
    await expect
      .poll(async () => {
        const d = (await (await first.api(`/api/webhooks/${webhook.id}/deliveries`)).json()) as Deliveries;
        return d.pending.length + d.delivered.length;
      })
      .toBe(COUNT);
    await first.stop("SIGKILL");
    const beforeRestart = receiver.hits.length;
    expect(beforeRestart).toBeLessThan(COUNT);

    const second = await startServer(env, first.dataDir);
    servers.push(second);
    await expect.poll(() => new Set(receiver.hits.map((h) => h.id)).size, { timeout: 40_000 }).toBe(COUNT);
    const texts = receiver.hits.map((h) => JSON.parse(h.body).data.content.text as string);
    expect(new Set(texts)).toEqual(new Set(Array.from({ length: COUNT }, (_, i) => `m${i}`)));
    // A repeat can only be a delivery in flight at the kill, and it carries the same id.
    for (const hit of receiver.hits) expect(verifySignature(hit.signature, hit.body, secret)).toBe(true);
    expect(receiver.hits.length - COUNT).toBeLessThanOrEqual(16);
    receiver.close();
  }, 90_000);

  it("manages subscriptions over the API: list hides secrets, test ping, other workspaces see nothing", async () => {
    const receiver = await startReceiver(0);
    const server = await startServer({ MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    servers.push(server);
    const { webhook, secret } = (await (
      await server.api("/api/webhooks", { method: "POST", json: { url: receiver.url } })
    ).json()) as Created;
    expect(JSON.stringify(await (await server.api("/api/webhooks")).json())).not.toContain(secret);
    expect((await server.api(`/api/webhooks/${webhook.id}/test`, { method: "POST" })).status).toBe(202);
    await expect.poll(() => receiver.hits.map((h) => h.event)).toEqual(["webhook.test"]);
    expect(
      (await server.api(`/api/webhooks/${webhook.id}`, { method: "PATCH", json: { enabled: false } })).status,
    ).toBe(200);
    await server.api("/api/organizations/default/workspaces", { method: "POST", json: { id: "ws-b", name: "B" } });
    const other = (await (
      await server.api("/api/keys", { method: "POST", json: { name: "b", workspaceId: "ws-b" } })
    ).json()) as { token: string };
    expect((await server.api(`/api/webhooks/${webhook.id}`, { key: other.token })).status).toBe(404);
    expect(await (await server.api("/api/webhooks", { key: other.token })).json()).toEqual([]);
    expect((await server.api("/api/webhooks", { method: "POST", json: { url: "notaurl" } })).status).toBe(422);
    expect((await server.api(`/api/webhooks/${webhook.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await server.api(`/api/webhooks/${webhook.id}`)).status).toBe(404);
    receiver.close();
  }, 60_000);
});
