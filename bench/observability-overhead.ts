// What logging + metrics + tracing cost on the send path (#23: goal ≤ 5 %). Two gateways on one simulator,
// the same send as bench/send-e2e.ts (HTTP POST → durable queue → real Baileys → the simulated phone has it):
// one with everything on as in production — JSON logs at info to its stdout pipe, metrics (scraped each
// round), every trace sampled and exported to an OTLP/HTTP receiver on loopback — and one with all of it off.
// Rounds alternate (ABBA) so drift on the shared machine hits both alike; prints the medians and the overhead.
// Run: node --conditions=dev-source --import tsx bench/observability-overhead.ts [profiles=5] [texts=200] [rounds=4]
//   BENCH_CPU_PROF=dir profiles the "on" gateway.
import { createServer } from "node:http";
import { loadavg } from "node:os";
import { WhatsAppSimulator } from "../packages/simulator/src/index.js";
import { median, startSendGateway, type Round } from "./lib/gateway-send.js";

const K = Number(process.argv[2] ?? 5);
const N = Number(process.argv[3] ?? 200);
const ROUNDS = Number(process.argv[4] ?? 4);

const collector = await startCollector();
const sim = await WhatsAppSimulator.start();
const on = await startSendGateway(sim, K, {
  NODE_ENV: "production",
  MULTIWA_LOG_LEVEL: "info",
  MULTIWA_METRICS: "1",
  OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
  OTEL_TRACES_SAMPLER_ARG: "1",
  OTEL_BSP_SCHEDULE_DELAY: "1000",
  ...(process.env.BENCH_CPU_PROF
    ? { MULTIWA_TEST_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` }
    : {}),
});
const off = await startSendGateway(sim, K, {
  NODE_ENV: "production",
  MULTIWA_LOG_LEVEL: "silent",
  MULTIWA_ENGINE_LOG_LEVEL: "silent",
  MULTIWA_METRICS: "0",
  OTEL_EXPORTER_OTLP_ENDPOINT: "",
});

/** A scrape, as Prometheus would each interval: the sent counter proves metrics are counting. */
async function scrapeSent(): Promise<number> {
  const text = await (await on.server.api("/metrics")).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith('multiwa_messages_total{direction="sent"'))
    .reduce((n, l) => n + Number(l.split(" ").pop()), 0);
}

await on.round(20, "warm-on");
await off.round(20, "warm-off");
const ons: Round[] = [];
const offs: Round[] = [];
const load = [loadavg()[0]!];
for (let r = 0; r < ROUNDS; r++) {
  const first = r % 2 === 0;
  if (first) ons.push(await on.round(N, `on${r}`));
  offs.push(await off.round(N, `off${r}`));
  if (!first) ons.push(await on.round(N, `on${r}`));
  await scrapeSent();
  load.push(loadavg()[0]!);
}
// The last batch of spans is exported after the schedule delay.
await new Promise((r) => setTimeout(r, 1500));
const sent = await scrapeSent();

const cpuOn = median(ons.map((x) => x.cpu));
const cpuOff = median(offs.map((x) => x.cpu));
const rateOn = median(ons.map((x) => x.rate));
const rateOff = median(offs.map((x) => x.rate));
const fmt = (xs: Round[]) =>
  `${median(xs.map((x) => x.rate)).toFixed(0)} msg/s, ${median(xs.map((x) => x.cpu)).toFixed(2)} ms CPU/msg  ` +
  `[cpu ${xs.map((x) => x.cpu.toFixed(2)).join(", ")}]`;
console.log(
  `${K} profiles × ${N} texts, pacing off, ${ROUNDS} rounds each (median); machine load (1 min) ` +
    `${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} on ${(await import("node:os")).cpus().length} cores`,
);
console.log(`observability on  : ${fmt(ons)}`);
console.log(`observability off : ${fmt(offs)}`);
console.log(
  `"on" did its work : ${collector.spans()} spans received over OTLP, ${sent} sends counted in /metrics, ` +
    `${
      on.server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{")).length
    } JSON log lines`,
);
console.log(
  `overhead          : CPU/msg ${(((cpuOn - cpuOff) / cpuOff) * 100).toFixed(1)} %, ` +
    `throughput ${(((rateOff - rateOn) / rateOff) * 100).toFixed(1)} % (goal ≤ 5 %)`,
);

await on.stop();
await off.stop();
await sim.close();
collector.close();
process.exit(0);

/** An OTLP/HTTP trace receiver on loopback: accepts JSON exports and counts their spans. */
async function startCollector() {
  let spans = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.url === "/v1/traces") {
        const doc = JSON.parse(body || "{}") as { resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[] };
        for (const r of doc.resourceSpans ?? []) for (const s of r.scopeSpans ?? []) spans += s.spans?.length ?? 0;
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    spans: () => spans,
    close: () => server.close(),
  };
}
