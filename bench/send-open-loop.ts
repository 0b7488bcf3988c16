// Send endpoint under open-loop load (requests fired on a fixed schedule, latency measured from the
// scheduled time so a stall is not hidden): the real gateway (mock engine, pacing off) vs a bare h3
// handler, both in their own processes, at each rate. Then the queue: a burst of sends is drained at
// what rate, next to the engine's own rate (the mock engine driven directly in this process).
// Run: node --conditions=dev-source --import tsx bench/send-open-loop.ts   (BENCH_RATES=100,500 BENCH_SECONDS=5 BENCH_BURST=2000 BENCH_STORAGE=…)
import { spawn } from "node:child_process";
import { Agent } from "node:http";
import { fileURLToPath } from "node:url";
import { createStorageFromUrl } from "../packages/core/src/index.js";
import { mockEngine } from "../packages/core/src/engines/mock.js";
import { startServer } from "../server/test/helpers/server.js";
import { percentile, send } from "./lib/load.js";

const RATES = (process.env.BENCH_RATES ?? "100,500").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const BURST = Number(process.env.BENCH_BURST ?? 2000);
const body = JSON.stringify({ to: "628999888777", content: { type: "text", text: "bench" } });

async function bare(): Promise<{ url: string; stop(): void }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(
    process.execPath,
    ["--conditions=dev-source", "--import", "tsx", fileURLToPath(new URL("./lib/bare-h3.ts", import.meta.url))],
    { env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve) => child.stdout.on("data", (d) => String(d).includes("READY") && resolve()));
  return { url: `http://127.0.0.1:${port}/send`, stop: () => child.kill() };
}

const gateway = await startServer({
  MULTIWA_RATE_LIMIT: "1000000",
  ...(process.env.BENCH_STORAGE ? { MULTIWA_STORAGE: process.env.BENCH_STORAGE } : {}),
});
await gateway.api("/api/profiles", {
  method: "POST",
  json: { id: "bench", name: "Bench", engine: "mock", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
});
await gateway.api("/api/profiles/bench/start", { method: "POST" });
const { qr } = (await (await gateway.api("/api/profiles/bench/qr")).json()) as { qr: string };
await gateway.api("/api/mock/scan", { method: "POST", json: { qr, phone: "628111222333" } });
const sendUrl = `${gateway.url}/api/profiles/bench/messages`;
const baseline = await bare();
const headers = { "content-type": "application/json", "x-api-key": gateway.key };
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const queued = async () => ((await (await gateway.api("/api/profiles/bench")).json()) as { queued: number }).queued;

/** Fires `rate` requests per second for `seconds`; latency from each request's scheduled time. */
async function openLoop(
  url: string,
  rate: number,
  seconds: number,
): Promise<{ p50: number; p99: number; failed: number }> {
  const total = rate * seconds;
  const latencies: number[] = [];
  let failed = 0;
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      send(url, { method: "POST", headers, body }, agent).then(
        (status) => void (status === 202 ? latencies.push(performance.now() - due) : failed++),
        () => void failed++,
      ),
    );
  }
  await Promise.all(inflight);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed };
}

async function drained(): Promise<void> {
  while ((await queued()) > 0) await new Promise((r) => setTimeout(r, 20));
}

// Warm-up both sides.
await openLoop(baseline.url, 200, 1);
await openLoop(sendUrl, 200, 1);
await drained();
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);
for (const rate of RATES) {
  const base = await openLoop(baseline.url, rate, SECONDS);
  const start = performance.now();
  const real = await openLoop(sendUrl, rate, SECONDS);
  const backlog = await queued();
  await drained();
  const drainedAfter = (performance.now() - start) / 1000 - SECONDS;
  console.log(
    `${String(rate).padStart(4)} req/s  bare h3: p50 ${ms(base.p50)} p99 ${ms(base.p99)}   gateway: p50 ${ms(real.p50)} p99 ${ms(real.p99)}` +
      ` (${real.failed} failed; ${backlog} queued at the end, empty ${Math.max(0, drainedAfter).toFixed(2)} s later)   p99 ratio ${(real.p99 / base.p99).toFixed(1)}x`,
  );
}

// Queue drain: a burst accepted as fast as the endpoint takes it, then sent; vs the engine alone.
const burstStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next++ < BURST) await send(sendUrl, { method: "POST", headers, body }, agent);
  }),
);
const acceptedIn = (performance.now() - burstStart) / 1000;
await drained();
const drainRate = BURST / ((performance.now() - burstStart) / 1000);

const engine = mockEngine({ autoPair: "628111222334" });
let open!: () => void;
const opened = new Promise<void>((r) => (open = r));
const session = engine.createSession({
  profileId: "direct",
  storage: await createStorageFromUrl("memory:"),
  logger: console,
  emit: (event, payload) => event === "connection.update" && (payload as { state: string }).state === "open" && open(),
});
await session.connect();
await opened;
const engineStart = performance.now();
for (let i = 0; i < BURST; i++)
  await session.send("628999888777@s.whatsapp.net", { type: "text", text: "bench" }, { id: `E${i}` });
const engineRate = BURST / ((performance.now() - engineStart) / 1000);
console.log(
  `burst of ${BURST}: accepted in ${acceptedIn.toFixed(2)} s; queue drained at ${drainRate.toFixed(0)} msg/s; ` +
    `mock engine alone ${engineRate.toFixed(0)} msg/s; drain / engine ${(drainRate / engineRate).toFixed(2)}x`,
);
console.log("goal: p99 < 50 ms at 100 req/s; the queue drains at the engine's rate, not the storage's");

await session.disconnect();
agent.destroy();
baseline.stop();
await gateway.stop();
process.exit(0);
