import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppSimulator, type SimPhone } from "@multiwa/simulator";
import { baileysGatewayWithProfile, simulatorEnv } from "./helpers/baileys-gateway.js";
import { hookReceiver, type HookReceiver } from "./helpers/hook-receiver.js";
import { otlpReceiver, type OtlpReceiver, type ReceivedSpan } from "./helpers/otlp-receiver.js";
import { json, until } from "./helpers/mock-gateway.js";
import { startServer, type RunningServer } from "./helpers/server.js";

// Issue #23, tracing: with OTEL_EXPORTER_OTLP_ENDPOINT set, one trace runs from the HTTP request through
// the durable outbox to the engine's send, and another from an inbound message to its webhook delivery,
// whose request carries the `traceparent` — all exported over OTLP/HTTP to a collector on loopback.
let sim: WhatsAppSimulator;
let me: SimPhone;
let alice: SimPhone;
let collector: OtlpReceiver;
let hooks: HookReceiver;
let server: RunningServer;
let tracingEnv: Record<string, string>;

// OTLP's span kinds: the API's plus one.
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

beforeAll(async () => {
  sim = await WhatsAppSimulator.start();
  me = sim.createPhone({ name: "Gateway line" });
  alice = sim.createPhone({ name: "Alice" });
  collector = await otlpReceiver();
  hooks = await hookReceiver();
  tracingEnv = {
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_BSP_SCHEDULE_DELAY: "100",
    MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
  };
  server = await baileysGatewayWithProfile(
    sim,
    me,
    "line",
    { pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
    tracingEnv,
  );
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
  collector?.close();
  hooks?.close();
});

/** A W3C traceparent of a fresh trace, as a caller of the API sends it. */
function callerTraceparent(): { trace: string; span: string; header: string } {
  const trace = randomBytes(16).toString("hex");
  const span = randomBytes(8).toString("hex");
  return { trace, span, header: `00-${trace}-${span}-01` };
}

/** The exported span named `name` whose attributes include `match`, once the batch has been exported. */
async function spanNamed(name: string, match: Record<string, unknown> = {}): Promise<ReceivedSpan> {
  const find = () =>
    collector.spans.find((s) => s.name === name && Object.entries(match).every(([k, v]) => s.attributes[k] === v));
  await expect.poll(find, { timeout: 20_000 }).toBeTruthy();
  return find()!;
}

describe("OpenTelemetry tracing over OTLP/HTTP (issue #23)", () => {
  it("links the HTTP request, the outbox and the engine's send in the caller's trace", async () => {
    // The caller's own trace: the gateway continues it (W3C traceparent on the request).
    const caller = callerTraceparent();
    const response = await server.api("/api/profiles/line/messages", {
      method: "POST",
      headers: { traceparent: caller.header },
      json: { to: alice.pn, content: { type: "text", text: "traced hello" } },
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    expect((await alice.nextMessage({ timeoutMs: 20_000 })).id).toBe(id);

    const request = await spanNamed("POST /api/profiles/{id}/messages");
    const enqueue = await spanNamed("multiwa.outbox.enqueue", { "multiwa.profile.id": "line" });
    const deliver = await spanNamed("multiwa.outbox.deliver", { "multiwa.message.id": id });
    const send = await spanNamed("multiwa.engine.send", { "multiwa.message.id": id });
    for (const span of [request, enqueue, deliver, send]) expect(span.traceId).toBe(caller.trace);
    expect(request).toMatchObject({ kind: SERVER, parentSpanId: caller.span });
    expect(request.attributes).toMatchObject({
      "http.route": "/api/profiles/{id}/messages",
      "http.response.status_code": 202,
    });
    expect(enqueue).toMatchObject({ kind: PRODUCER, parentSpanId: request.spanId });
    // The send ran from the queue, not the request: its parent came through the outbox row.
    expect(deliver).toMatchObject({ kind: CONSUMER, parentSpanId: enqueue.spanId });
    expect(send).toMatchObject({ kind: CLIENT, parentSpanId: deliver.spanId });
    expect(send.attributes).toMatchObject({ "multiwa.engine": "baileys", "multiwa.message.type": "text" });
    expect(send.resource["service.name"]).toBe("multiwa");
    expect(collector.requests.every((r) => r.path === "/v1/traces")).toBe(true);
  }, 60_000);

  it("starts a trace at an inbound message and continues it into the webhook delivery and its receiver", async () => {
    const created = await server.api("/api/webhooks", {
      method: "POST",
      json: { url: hooks.url, events: ["message.received"], profileId: "line" },
    });
    expect(created.status).toBe(201);
    await alice.sendText(me, "traced inbound");
    await expect
      .poll(() => hooks.events.find((e) => e.body.includes("traced inbound")), { timeout: 20_000 })
      .toBeTruthy();
    const hook = hooks.events.find((e) => e.body.includes("traced inbound"))!;
    const { data } = JSON.parse(hook.body) as { data: { id: string } };

    const inbound = await spanNamed("multiwa.inbound", { "multiwa.message.id": data.id });
    const delivery = await spanNamed("multiwa.delivery", { "multiwa.event": "message.received" });
    expect(inbound).toMatchObject({ kind: CONSUMER });
    expect(inbound.parentSpanId ?? "").toBe("");
    expect(delivery).toMatchObject({ kind: CLIENT, traceId: inbound.traceId, parentSpanId: inbound.spanId });
    expect(delivery.attributes["multiwa.delivery.id"]).toBe(hook.headers["x-multiwa-delivery"]);
    // The receiver sees the delivery's own span as its parent.
    expect(hook.headers.traceparent).toBe(`00-${inbound.traceId}-${delivery.spanId}-01`);
  }, 60_000);

  it("continues the trace from the outbox row: a send queued before a restart is traced by the next process", async () => {
    await server.api("/api/profiles/line/stop", { method: "POST" });
    await until(async () => (await json<{ status: string }>(server.api("/api/profiles/line"))).status === "stopped");
    const caller = callerTraceparent();
    const response = await server.api("/api/profiles/line/messages", {
      method: "POST",
      headers: { traceparent: caller.header },
      json: { to: alice.pn, content: { type: "text", text: "queued across a restart" } },
    });
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    const enqueued = () =>
      collector.spans.find((s) => s.name === "multiwa.outbox.enqueue" && s.traceId === caller.trace);
    await expect.poll(enqueued, { timeout: 20_000 }).toBeTruthy();
    expect(collector.spans.some((s) => s.name === "multiwa.outbox.deliver" && s.traceId === caller.trace)).toBe(false);
    await server.stop();

    server = await startServer({ ...simulatorEnv(sim), ...tracingEnv }, server.dataDir);
    await server.api("/api/profiles/line/start", { method: "POST" });
    expect((await alice.nextMessage({ timeoutMs: 30_000 })).id).toBe(id);
    const deliver = await spanNamed("multiwa.outbox.deliver", { "multiwa.message.id": id });
    // The parent span ended in the first process: only the outbox row carried it to this one.
    expect(deliver).toMatchObject({ traceId: caller.trace, parentSpanId: enqueued()!.spanId });
  }, 120_000);
});
