import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayWithProfile, phoneInbox, until, type RunningServer } from "./helpers/mock-gateway.js";

// #23: /metrics in Prometheus text format, scraped through the real gateway after a send and a receive.
// Metrics label every tenant's profiles, so only a gateway-wide key or an allow-listed address reads them.
const [ME, PEER] = ["628111000777", "628222000888"];
let gateway: RunningServer;
let open: RunningServer;

const scrape = async (server: RunningServer, key?: string | null) => {
  const res = await server.api("/metrics", key === undefined ? {} : { key });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};
/** The value of one series, by its exact name and labels as Prometheus prints them. */
const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

beforeAll(async () => {
  gateway = await gatewayWithProfile("sales", ME);
  open = await gatewayWithProfile("support", ME, { MULTIWA_METRICS_ALLOW: "127.0.0.1" });
}, 300_000);
afterAll(async () => {
  await gateway?.stop();
  await open?.stop();
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
});
