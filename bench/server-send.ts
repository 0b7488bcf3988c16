// Send endpoint throughput: the real gateway (mock engine, fs storage, pacing off) vs a bare h3 handler,
// both as separate processes driven by the same load generator in this process.
// Run: node --conditions=dev-source --import tsx bench/server-send.ts
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startServer } from "../server/test/helpers/server.js";
import { load } from "./lib/load.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = 32;
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

const baseline = await bare();
const headers = { "content-type": "application/json", "x-api-key": gateway.key };
// Warm up both, then measure the baseline first and the gateway second.
await load({
  url: baseline.url,
  init: () => ({ method: "POST", headers, body }),
  seconds: 1,
  concurrency: CONCURRENCY,
});
await load({
  url: `${gateway.url}/api/profiles/bench/messages`,
  init: () => ({ method: "POST", headers, body }),
  seconds: 1,
  concurrency: CONCURRENCY,
});
// Alternate one-second slices so background load on the machine hits both sides alike.
const base = { ok: 0, failed: 0, seconds: 0, rps: 0 };
const real = { ok: 0, failed: 0, seconds: 0, rps: 0 };
for (let i = 0; i < SECONDS; i++) {
  for (const [side, url] of [
    [base, baseline.url],
    [real, `${gateway.url}/api/profiles/bench/messages`],
  ] as const) {
    const r = await load({
      url,
      init: () => ({ method: "POST", headers, body }),
      seconds: 1,
      concurrency: CONCURRENCY,
    });
    side.ok += r.ok;
    side.failed += r.failed;
    side.seconds += r.ok / r.rps;
  }
}
base.rps = base.ok / base.seconds;
real.rps = real.ok / real.seconds;
baseline.stop();
await gateway.stop();

console.log(`bare h3 handler:        ${base.rps.toFixed(0)} req/s (${base.failed} failed)`);
console.log(
  `gateway send endpoint:  ${real.rps.toFixed(0)} req/s (${real.failed} failed) — validated, authenticated, persisted to fs, queued`,
);
console.log(`ratio gateway/bare:     ${(real.rps / base.rps).toFixed(2)}x (goal >= 0.5x)`);
