import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createClient } from "@multiwa/sdk";
import { startReceiver } from "../../packages/core/test/webhooks/receiver.js";
import { TEST_AMQP_URL, TEST_NATS_URL, TEST_REDIS_URL } from "../../packages/core/test/transports/brokers.js";
import {
  consumeAmqp,
  consumeJetStream,
  consumeRedis,
  type Consumer,
} from "../../packages/core/test/transports/consumers.js";
import { otlpReceiver } from "./helpers/otlp-receiver.js";
import { startServer, type RunningServer } from "./helpers/server.js";

const ME = "628111222444";
const PEER = "628999888666";
const run = randomBytes(4).toString("hex");

const servers: RunningServer[] = [];
const consumers: Consumer[] = [];
const json = async (r: Promise<Response> | Response) => (await r).json() as Promise<any>;

afterAll(async () => {
  for (const c of consumers) await c.close();
  for (const s of servers) await s.stop();
});

async function login(server: RunningServer) {
  await server.api("/api/profiles", { method: "POST", json: { id: "bridged", name: "Bridged", engine: "mock" } });
  await server.api("/api/profiles/bridged/start", { method: "POST" });
  const { qr } = await json(server.api("/api/profiles/bridged/qr"));
  await server.api("/api/mock/scan", { method: "POST", json: { qr, phone: ME } });
  await expect.poll(async () => (await json(server.api("/api/profiles/bridged"))).status).toBe("open");
}

describe("event transports through the gateway", () => {
  // Requirement (#23): an inbound message reaches every broker with the payload the webhook gets,
  // through the built gateway (its bundle loads amqplib, nats and ioredis) and its REST API; traced, each
  // message carries its delivery span's `traceparent` as the webhook request does (AMQP and NATS headers,
  // a Redis Streams field), so a consumer continues the trace.
  it("publishes an inbound message to RabbitMQ, NATS JetStream and Redis with the webhook's payload and trace", async () => {
    const collector = await otlpReceiver();
    consumers.push({ received: [], close: async () => collector.close() });
    const server = await startServer({
      MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_BSP_SCHEDULE_DELAY: "100",
    });
    servers.push(server);
    await login(server);
    const receiver = await startReceiver();
    consumers.push({ received: [], close: receiver.close });
    await server.api("/api/webhooks", { method: "POST", json: { url: receiver.url, events: ["message.received"] } });
    const settings = [
      { kind: "amqp", url: TEST_AMQP_URL, exchange: `multiwa.e2e.${run}`, queue: `multiwa.e2e.${run}` },
      { kind: "nats", url: TEST_NATS_URL, subject: `multiwa.e2e${run}`, jetstream: true, stream: `MULTIWA_E2E_${run}` },
      { kind: "redis", url: TEST_REDIS_URL, stream: `multiwa:e2e:${run}` },
    ] as const;
    const [amqp, nats, redis] = await Promise.all([
      consumeAmqp(settings[0]),
      consumeJetStream(settings[1]),
      consumeRedis(settings[2]),
    ]);
    consumers.push(amqp!, nats!, redis!);
    const ids: string[] = [];
    for (const s of settings) {
      const res = await server.api("/api/transports", { method: "POST", json: { ...s, events: ["message.*"] } });
      expect(res.status).toBe(201);
      ids.push((await json(res)).id);
    }
    const sent = await server.api(`/api/mock/phones/${PEER}/messages`, {
      method: "POST",
      json: { to: ME, text: "to every broker" },
    });
    expect(sent.status).toBe(201);
    await expect.poll(() => receiver.received.length).toBe(1);
    const { id: _hookId, ...hookPayload } = receiver.received[0]!.json;
    expect(hookPayload).toMatchObject({ event: "message.received", data: { content: { text: "to every broker" } } });
    for (const [i, consumer] of [amqp!, nats!, redis!].entries()) {
      await expect.poll(() => consumer.received.length, { timeout: 15_000 }).toBe(1);
      const { id, ...payload } = JSON.parse(consumer.received[0]!.body);
      expect(payload, settings[i]!.kind).toEqual(hookPayload);
      expect(consumer.received[0]!.deliveryId).toBe(id);
      const deliveries = await json(server.api(`/api/transports/${ids[i]}/deliveries`));
      expect(deliveries.delivered.map((d: { id: string }) => d.id)).toEqual([id]);
      const span = () =>
        collector.spans.find((s) => s.name === "multiwa.delivery" && s.attributes["multiwa.delivery.id"] === id);
      await expect.poll(span, { timeout: 15_000 }).toBeTruthy();
      expect(consumer.received[0]!.traceparent, settings[i]!.kind).toBe(`00-${span()!.traceId}-${span()!.spanId}-01`);
    }
  }, 90_000);

  // Requirement (#23): URLs with passwords are secrets; transports are tenant-scoped; bad input is a 4xx naming the field.
  it("masks passwords, keeps transports to their workspace, and names the bad field", async () => {
    const server = await startServer({ MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1" });
    servers.push(server);
    const created = await server.api("/api/transports", {
      method: "POST",
      json: { kind: "amqp", url: "amqp://app:hunter2-secret@127.0.0.1:5672", enabled: false },
    });
    expect(created.status).toBe(201);
    const transport = await json(created);
    expect(transport.url).toBe("amqp://app:****@127.0.0.1:5672");
    const listed = await (await server.api("/api/transports")).text();
    expect(listed).toContain(transport.id);
    expect(listed).not.toContain("hunter2");
    expect(await (await server.api(`/api/transports/${transport.id}`)).text()).not.toContain("hunter2");
    await server.api("/api/organizations/default/workspaces", { method: "POST", json: { id: "ws-b", name: "B" } });
    const other = (await (
      await server.api("/api/keys", { method: "POST", json: { name: "b", workspaceId: "ws-b" } })
    ).json()) as { token: string };
    expect((await server.api(`/api/transports/${transport.id}`, { key: other.token })).status).toBe(404);
    expect(await json(server.api("/api/transports", { key: other.token }))).toEqual([]);
    const bad = await server.api("/api/transports", { method: "POST", json: { kind: "nats", url: "http://x" } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await json(bad))).toContain('"url"');
    const foreign = await server.api(`/api/transports/${transport.id}`, { method: "PATCH", json: { maxLen: 5 } });
    expect(foreign.status).toBeGreaterThanOrEqual(400);
    expect(foreign.status).toBeLessThan(500);
    expect((await json(foreign)).field ?? "").toBe("maxLen");
    // The SDK's typed methods, generated from the same operations.
    const sdk = createClient({ baseUrl: server.url, apiKey: server.key });
    const nats = await sdk.createTransport({
      body: { kind: "nats", url: "nats://u:pw-secret@127.0.0.1:4222", enabled: false },
    });
    expect(nats).toMatchObject({ kind: "nats", subject: "multiwa", url: "nats://u:****@127.0.0.1:4222" });
    expect(await sdk.updateTransport({ transportId: nats.id, body: { subject: "orders" } })).toMatchObject({
      subject: "orders",
    });
    expect((await sdk.listTransports()).map((t) => t.id)).toEqual([transport.id, nats.id]);
    expect(await sdk.transportDeliveries({ transportId: nats.id })).toEqual({
      pending: [],
      delivered: [],
      dead: [],
    });
    await sdk.deleteTransport({ transportId: nats.id });
    expect((await server.api(`/api/transports/${transport.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await server.api(`/api/transports/${transport.id}`)).status).toBe(404);
  }, 60_000);
});
