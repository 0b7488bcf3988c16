// Inbound message → signed webhook received on a loopback receiver: p50/p99 at fixed rates, next to
// the floor of a direct loopback POST to the same receiver at the same rate, in the same run.
// Inbound messages come from a mock phone through the gateway's mock API (mock engine).
// Run: node --conditions=dev-source --import tsx bench/inbound-webhook.ts   (BENCH_RATES=100,200,500 BENCH_SECONDS=5 BENCH_STORAGE=… BENCH_DATABASE=postgres://…)
import { Agent, createServer } from "node:http";
import { startServer } from "../server/test/helpers/server.js";
import { percentile, send } from "./lib/load.js";

const RATES = (process.env.BENCH_RATES ?? "100,200,500").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ME = "628111222333";

const arrivals = new Map<string, number>();
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const text = body.includes('"data"') ? (JSON.parse(body).data?.content?.text as string) : JSON.parse(body).text;
    arrivals.set(text, performance.now());
    res.end();
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

const gateway = await startServer({
  MULTIWA_RATE_LIMIT: "1000000",
  MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1",
  ...(process.env.BENCH_STORAGE ? { MULTIWA_STORAGE: process.env.BENCH_STORAGE } : {}),
  ...(process.env.BENCH_DATABASE ? { MULTIWA_DATABASE: process.env.BENCH_DATABASE } : {}),
  ...(process.env.MULTIWA_TEST_NODE_ARGS ? { MULTIWA_TEST_NODE_ARGS: process.env.MULTIWA_TEST_NODE_ARGS } : {}),
});
await gateway.api("/api/profiles", { method: "POST", json: { id: "hook", name: "Hook", engine: "mock" } });
await gateway.api("/api/profiles/hook/start", { method: "POST" });
const { qr } = (await (await gateway.api("/api/profiles/hook/qr")).json()) as { qr: string };
await gateway.api("/api/mock/scan", { method: "POST", json: { qr, phone: ME } });
await gateway.api("/api/webhooks", {
  method: "POST",
  json: { url: hookUrl, events: ["message.received"], profileId: "hook" },
});

// A fresh pool per run: sockets idle since the previous run get closed by the server (keep-alive timeout,
// 5 s) while this run reuses them, and each such request fails with ECONNRESET.
let agent = new Agent({ keepAlive: true, maxSockets: 64 });
const headers = { "content-type": "application/json", "x-api-key": gateway.key };

/** Fires `rate` messages per second; latency from each one's scheduled time to its arrival at the receiver. */
async function run(
  label: string,
  rate: number,
  fire: (text: string) => Promise<unknown>,
): Promise<{ p50: number; p99: number; lost: number }> {
  agent.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const sent = new Map<string, number>();
  const total = rate * SECONDS;
  const start = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const text = `${label}-${rate}-${i}`;
    sent.set(text, due);
    inflight.push(fire(text));
  }
  await Promise.all(inflight);
  const deadline = performance.now() + 60_000;
  while ([...sent.keys()].some((t) => !arrivals.has(t)) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const latencies = [...sent].filter(([t]) => arrivals.has(t)).map(([t, at]) => arrivals.get(t)! - at);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), lost: total - latencies.length };
}

const direct = (text: string) =>
  send(
    hookUrl,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) },
    agent,
  );
const inbound = (text: string) =>
  send(
    `${gateway.url}/api/mock/phones/628999888777/messages`,
    { method: "POST", headers, body: JSON.stringify({ to: ME, text }) },
    agent,
  );
await run("warm-direct", 100, direct);
await run("warm-gateway", 100, inbound);
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
for (const rate of RATES) {
  const floor = await run("direct", rate, direct);
  const real = await run("gateway", rate, inbound);
  console.log(
    `${String(rate).padStart(4)} msg/s  direct POST: p50 ${ms(floor.p50)} p99 ${ms(floor.p99)}   inbound → webhook: p50 ${ms(real.p50)} p99 ${ms(real.p99)}` +
      ` (lost ${real.lost})   p99 ratio ${(real.p99 / floor.p99).toFixed(1)}x`,
  );
}
console.log(`${SECONDS} s per rate; goal p99 < 50 ms at 500 msg/s`);
agent.destroy();
await gateway.stop();
receiver.close();
process.exit(0);
