import { EventEmitter } from "node:events";
import { createServer } from "node:http";
import type { MultiWA } from "@multiwa/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry, wireMetrics } from "#lib/metrics/registry.js";
import { gatewayWithProfile, json, phoneInbox, until, type RunningServer } from "./helpers/mock-gateway.js";

// #23: /metrics in Prometheus text format, scraped through the real gateway after a send and a receive.
// Metrics label every tenant's profiles, so only a gateway-wide key or an allow-listed address reads them.
const [ME, PEER] = ["628111000777", "628222000888"];
let gateway: RunningServer;
let open: RunningServer;
let hooked: RunningServer;
let off: RunningServer;

const scrape = async (server: RunningServer, key?: string | null) => {
  const res = await server.api("/metrics", key === undefined ? {} : { key });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};
/** The value of one series, by its exact name and labels as Prometheus prints them. */
const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

/** A webhook receiver on loopback: `/ok` answers 200, `/flaky` 500 once then 200, `/down` always 500. */
async function startReceiver() {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits.push(req.url!);
      const fail = req.url === "/down" || (req.url === "/flaky" && hits.filter((h) => h === "/flaky").length === 1);
      res.writeHead(fail ? 500 : 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${(server.address() as { port: number }).port}`, hits, close: () => server.close() };
}

beforeAll(async () => {
  [gateway, open, hooked, off] = await Promise.all([
    gatewayWithProfile("sales", ME),
    gatewayWithProfile("support", ME, { MULTIWA_METRICS_ALLOW: "127.0.0.1" }),
    // Two attempts, 50 ms apart: a failing receiver's delivery is dead within the test.
    gatewayWithProfile("hooks", ME, { MULTIWA_WEBHOOK_MAX_ATTEMPTS: "2", MULTIWA_WEBHOOK_RETRY_BASE_MS: "50" }),
    gatewayWithProfile("quiet", ME, { MULTIWA_METRICS: "0", MULTIWA_METRICS_ALLOW: "127.0.0.1" }),
  ]);
}, 300_000);
afterAll(async () => {
  await gateway?.stop();
  await open?.stop();
  await hooked?.stop();
  await off?.stop();
});

describe("/metrics", () => {
  it("counts a send and a receive by type and engine, with profile status, HTTP requests and process metrics", async () => {
    const sent = await gateway.api("/api/profiles/sales/messages", {
      method: "POST",
      json: { to: PEER, content: { type: "text", text: "metrics" } },
    });
    expect(sent.status).toBe(202);
    await until(async () => (await phoneInbox(gateway, PEER)).length === 1);
    await gateway.api(`/api/mock/phones/${PEER}/messages`, { method: "POST", json: { to: ME, text: "hello back" } });
    const text = await until(async () => {
      const { text } = await scrape(gateway);
      return (
        value(text, 'multiwa_messages_total{direction="received",type="text",engine="mock"}') === 1 &&
        value(text, 'multiwa_messages_total{direction="sent",type="text",engine="mock"}') === 1 &&
        value(text, 'multiwa_send_latency_seconds_count{engine="mock"}') === 1 &&
        text
      );
    });
    const { type } = await scrape(gateway);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(value(text, 'multiwa_profile_status{profile="sales",engine="mock",status="open"}')).toBe(1);
    expect(
      value(text, 'multiwa_http_requests_total{route="/api/profiles/{id}/messages",method="POST",status="202"}'),
    ).toBe(1);
    expect(value(text, 'multiwa_send_latency_seconds_count{engine="mock"}')).toBe(1);
    expect(value(text, 'multiwa_send_latency_seconds_bucket{le="+Inf",engine="mock"}')).toBe(1);
    expect(value(text, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(value(text, "process_resident_memory_bytes")).toBeGreaterThan(10_000_000);
  });

  it("answers only a gateway-wide key with analytics.read, or an allow-listed address", async () => {
    expect((await scrape(gateway, null)).status).toBe(401);
    const mint = async (body: Record<string, unknown>) =>
      (
        (await (await gateway.api("/api/keys", { method: "POST", json: { name: "scraper", ...body } })).json()) as {
          token: string;
        }
      ).token;
    expect(
      (await scrape(gateway, await mint({ workspaceId: "default", permissions: ["analytics.read"] }))).status,
    ).toBe(403);
    expect((await scrape(gateway, await mint({ permissions: ["profiles.read"] }))).status).toBe(403);
    expect((await scrape(gateway, await mint({ permissions: ["analytics.read"] }))).status).toBe(200);
    const anonymous = await scrape(open, null);
    expect(anonymous.status).toBe(200);
    expect(value(anonymous.text, 'multiwa_profile_status{profile="support",engine="mock",status="open"}')).toBe(1);
  });

  // #23 "queue depth and age": read from the outbox at scrape time; a stopped profile's send waits in its queue.
  it("shows a profile's queued sends and the oldest one's age, and drops the series once the queue is empty", async () => {
    await hooked.api("/api/profiles/hooks/stop", { method: "POST" });
    await until(async () => (await json<{ status: string }>(hooked.api("/api/profiles/hooks"))).status !== "open");
    for (const text of ["first", "second"])
      expect(
        (
          await hooked.api("/api/profiles/hooks/messages", {
            method: "POST",
            json: { to: PEER, content: { type: "text", text } },
          })
        ).status,
      ).toBe(202);
    await new Promise((r) => setTimeout(r, 300));
    const waiting = (await scrape(hooked)).text;
    expect(value(waiting, 'multiwa_send_queue_depth{profile="hooks"}')).toBe(2);
    const age = value(waiting, 'multiwa_send_queue_oldest_age_seconds{profile="hooks"}')!;
    expect(age).toBeGreaterThanOrEqual(0.3);
    expect(age).toBeLessThan(60);

    await hooked.api("/api/profiles/hooks/start", { method: "POST" });
    await until(async () => (await phoneInbox(hooked, PEER)).length === 2, 30_000);
    const drained = await until(async () => {
      const { text } = await scrape(hooked);
      return !text.includes('multiwa_send_queue_depth{profile="hooks"}') && text;
    });
    expect(drained).not.toContain('multiwa_send_queue_oldest_age_seconds{profile="hooks"}');
    expect(drained).toContain("# TYPE multiwa_send_queue_depth gauge");
  }, 60_000);

  // #23 "webhook deliveries (success/retry/dead), webhook latency": counted from the dispatcher's attempts.
  it("counts webhook attempts by outcome — delivered, retried, dead — with their latency", async () => {
    const receiver = await startReceiver();
    try {
      for (const path of ["/ok", "/flaky", "/down"])
        expect(
          (
            await hooked.api("/api/webhooks", {
              method: "POST",
              json: { url: receiver.base + path, events: ["message.received"], profileId: "hooks" },
            })
          ).status,
        ).toBe(201);
      await hooked.api(`/api/mock/phones/${PEER}/messages`, { method: "POST", json: { to: ME, text: "hook me" } });
      // ok: success; flaky: retry then success; down: retry then dead (two attempts).
      const text = await until(async () => {
        const { text } = await scrape(hooked);
        // Both retries run about together: wait for the flaky one's success too, not only the dead letter.
        return (
          value(text, 'multiwa_webhook_deliveries_total{outcome="dead"}') === 1 &&
          value(text, 'multiwa_webhook_deliveries_total{outcome="success"}') === 2 &&
          text
        );
      }, 20_000);
      expect(receiver.hits.sort()).toEqual(["/down", "/down", "/flaky", "/flaky", "/ok"]);
      expect(value(text, 'multiwa_webhook_deliveries_total{outcome="success"}')).toBe(2);
      expect(value(text, 'multiwa_webhook_deliveries_total{outcome="retry"}')).toBe(2);
      expect(value(text, 'multiwa_webhook_delivery_latency_seconds_count{outcome="success"}')).toBe(2);
      expect(value(text, 'multiwa_webhook_delivery_latency_seconds_count{outcome="retry"}')).toBe(2);
      expect(value(text, 'multiwa_webhook_delivery_latency_seconds_bucket{le="+Inf",outcome="dead"}')).toBe(1);
      expect(value(text, 'multiwa_webhook_delivery_latency_seconds_sum{outcome="success"}')).toBeGreaterThan(0);
    } finally {
      receiver.close();
    }
  }, 60_000);

  // #23 "campaign progress": the last `campaign.progress` of a campaign, by recipient state.
  it("shows a campaign's recipients by state as it runs to completion", async () => {
    const created = await json<{ id: string }>(
      hooked.api("/api/campaigns", {
        method: "POST",
        json: {
          name: "Metrics",
          profileIds: ["hooks"],
          audience: { csv: "phone,name\n628333000001,A\n628333000002,B\n" },
          message: { text: "Hi {{name}}" },
          pacing: { perMinute: 6000, jitterMs: 5 },
          start: true,
        },
      }),
    );
    const series = (state: string) =>
      `multiwa_campaign_recipients{workspace="default",campaign="${created.id}",state="${state}"}`;
    const text = await until(async () => {
      const { text } = await scrape(hooked);
      const done = ["sent", "delivered", "read"].reduce((n, s) => n + (value(text, series(s)) ?? 0), 0);
      return done === 2 && text;
    }, 30_000);
    expect(value(text, series("total"))).toBe(2);
    expect(value(text, series("pending"))).toBe(0);
    expect(value(text, series("failed"))).toBe(0);
  }, 60_000);
});

// #23: the bench compares the send path with observability on and off, so "off" must cost nothing: no
// route, no listeners on the library's events, no process collectors (event-loop sampler, GC observer).
describe("MULTIWA_METRICS=0", () => {
  it("answers /metrics 404, even to the admin key or an allow-listed address, while sends still go out", async () => {
    const sent = await off.api("/api/profiles/quiet/messages", {
      method: "POST",
      json: { to: PEER, content: { type: "text", text: "no metrics" } },
    });
    expect(sent.status).toBe(202);
    await until(async () => (await phoneInbox(off, PEER)).length === 1);
    for (const key of [undefined, null]) {
      const res = await off.api("/metrics", key === undefined ? {} : { key });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        code: "NOT_FOUND",
        message: expect.stringContaining("MULTIWA_METRICS"),
      });
    }
  });

  it("subscribes to no library event and starts no process collector; on, it does both", () => {
    const subscribed: string[] = [];
    const wa = { on: (name: string) => void subscribed.push(name) } as unknown as MultiWA;
    const collectors = () => registry.getMetricsAsArray().filter((m) => m.name.startsWith("nodejs_")).length;
    wireMetrics(wa, { MULTIWA_METRICS: false });
    expect(subscribed).toEqual([]);
    expect(collectors()).toBe(0);
    wireMetrics(wa, { MULTIWA_METRICS: true });
    expect(subscribed).toEqual(expect.arrayContaining(["message.queued", "message.sent", "message.received"]));
    expect(collectors()).toBeGreaterThan(3);
  });
});

// #21: a send WhatsApp refused for a limit is held (queued again) and sent later; it was counted nowhere, so a
// dashboard showed neither a failure nor anything else. Each hold counts as direction="held".
// Last in the file: wiring starts the process collectors, which the test above checks are off.
describe("held messages", () => {
  it("counts each hold by the queued message's type and the profile's engine", async () => {
    const events = new EventEmitter();
    const wa = {
      on: (name: string, listener: (e: unknown) => void) => events.on(name, listener),
      profiles: { engineOf: async () => "baileys", list: async () => [] },
      messages: { get: async () => ({ type: "image" }), queues: async () => [] },
    } as unknown as MultiWA;
    wireMetrics(wa, { MULTIWA_METRICS: true });
    const series = (type: string) => `multiwa_messages_total{direction="held",type="${type}",engine="baileys"}`;
    const before = value(await registry.metrics(), series("text")) ?? 0;
    events.emit("message.queued", { id: "m1", profileId: "p", createdAt: Date.now(), type: "text" });
    const held = { id: "m1", profileId: "p", to: "628", until: Date.now() + 1000, holds: 1, error: {} };
    events.emit("message.held", held);
    events.emit("message.held", { ...held, holds: 2 });
    // Not queued on this node: the type comes from the record.
    events.emit("message.held", { ...held, id: "m2" });
    await expect.poll(async () => value(await registry.metrics(), series("text"))).toBe(before + 2);
    await expect.poll(async () => value(await registry.metrics(), series("image"))).toBeGreaterThanOrEqual(1);
  });
});
