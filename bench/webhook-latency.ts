// Inbound message → signed webhook delivered: p50/p99 at a fixed rate, next to the floor of a
// direct loopback POST to the same receiver. Run: node --import tsx bench/webhook-latency.ts
import { createServer } from "node:http";
import { Agent } from "node:http";
import { startServer } from "../server/test/helpers/server.js";
import { percentile, send } from "./lib/load.js";

const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ME = "628111222333";

const arrivals = new Map<string, number>();
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const text = body.includes("\"data\"") ? (JSON.parse(body).data?.content?.text as string) : JSON.parse(body).text;
    arrivals.set(text, performance.now());
    res.end();
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

const gateway = await startServer({ MULTIWA_RATE_LIMIT: "1000000", MULTIWA_WEBHOOK_ALLOW_PRIVATE: "1", ...(process.env.BENCH_STORAGE ? { MULTIWA_STORAGE: process.env.BENCH_STORAGE } : {}) });
await gateway.api("/api/profiles", { method: "POST", json: { id: "hook", name: "Hook", engine: "mock" } });
await gateway.api("/api/profiles/hook/start", { method: "POST" });
const { qr } = (await (await gateway.api("/api/profiles/hook/qr")).json()) as { qr: string };
await gateway.api("/api/mock/scan", { method: "POST", json: { qr, phone: ME } });
await gateway.api("/api/webhooks", { method: "POST", json: { url: hookUrl, events: ["message.received"], profileId: "hook" } });

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const headers = { "content-type": "application/json", "x-api-key": gateway.key };

async function run(label: string, fire: (i: number, text: string) => Promise<unknown>): Promise<number[]> {
  const sent = new Map<string, number>();
  const total = RATE * SECONDS;
  const start = performance.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const text = `${label}-${i}`;
    sent.set(text, performance.now());
    inflight.push(fire(i, text));
  }
  await Promise.all(inflight);
  const deadline = performance.now() + 30_000;
  while ([...sent.keys()].some((t) => !arrivals.has(t)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const latencies = [...sent].filter(([t]) => arrivals.has(t)).map(([t, at]) => arrivals.get(t)! - at);
  const lost = total - latencies.length;
  console.log(`${label.padEnd(28)} n=${latencies.length} lost=${lost} p50=${percentile(latencies, 50).toFixed(1)} ms p99=${percentile(latencies, 99).toFixed(1)} ms`);
  return latencies;
}

const floor = await run("direct POST (floor)", (_, text) => send(hookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) }, agent));
const real = await run("inbound → gateway → webhook", (_, text) =>
  send(`${gateway.url}/api/mock/phones/628999888777/messages`, { method: "POST", headers, body: JSON.stringify({ to: ME, text }) }, agent));
console.log(`rate ${RATE} msg/s for ${SECONDS} s; p99 gateway/floor = ${(percentile(real, 99) / percentile(floor, 99)).toFixed(1)}x; goal p99 < 50 ms`);
agent.destroy();
await gateway.stop();
receiver.close();
