// End to end, the way a user sends: HTTP POST to the built gateway → durable queue → real Baileys →
// the simulated phone has it. K profiles × N texts, pacing off, against raw Baileys (the same build,
// in its own process) on the same simulator, in the same run, alternating rounds.
// Prints msg/s, the ratio, and CPU ms per message of the gateway process and of the raw process.
// Run: node --conditions=dev-source --import tsx bench/send-e2e.ts [profiles=5] [texts=200] [rounds=2]
//   BENCH_STORAGE=memory: (or redis://…) to run the gateway on another store; BENCH_DATABASE=postgres://… for records; BENCH_CPU_PROF=dir to profile it.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { WhatsAppSimulator } from "../packages/simulator/src/index.js";
import { root } from "./baileys-lib.js";
import { arrived, cpuMs, median, startSendGateway, type Round } from "./lib/gateway-send.js";

const K = Number(process.argv[2] ?? 5);
const N = Number(process.argv[3] ?? 200);
const ROUNDS = Number(process.argv[4] ?? 2);

const sim = await WhatsAppSimulator.start();
const simBase = `http://127.0.0.1:${sim.port}`;

// --- the gateway, its K profiles paired by QR through the API ---
const gateway = await startSendGateway(sim, K, {
  ...(process.env.BENCH_STORAGE ? { MULTIWA_STORAGE: process.env.BENCH_STORAGE } : {}),
  ...(process.env.BENCH_DATABASE ? { MULTIWA_DATABASE: process.env.BENCH_DATABASE } : {}),
  ...(process.env.BENCH_CPU_PROF
    ? { MULTIWA_TEST_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` }
    : process.env.MULTIWA_TEST_NODE_ARGS
      ? { MULTIWA_TEST_NODE_ARGS: process.env.MULTIWA_TEST_NODE_ARGS }
      : {}),
});
const profiles = gateway.profiles;

// --- raw Baileys: K sockets in a child process of their own, keys in memory or in Baileys' own key files ---
function startRaw(auth: "memory" | "files") {
  const child = spawn(
    process.execPath,
    ["--conditions=dev-source", "--import", "tsx", root("bench/lib/raw-baileys.ts"), simBase, String(K), auth],
    { stdio: ["pipe", "pipe", "ignore"], cwd: root("") },
  );
  process.on("exit", () => child.kill());
  const lines = createInterface({ input: child.stdout! });
  // libsignal logs to the console in both processes; protocol lines start with "@@".
  const next = () =>
    new Promise<Record<string, unknown>>((resolve) => {
      const onLine = (l: string) => l.startsWith("@@") && (lines.off("line", onLine), resolve(JSON.parse(l.slice(2))));
      lines.on("line", onLine);
    });
  return { child, next, ready: next() };
}
const rawMemory = startRaw("memory");
const rawFiles = startRaw("files");
await Promise.all([rawMemory.ready, rawFiles.ready]);

async function runRaw(raw: ReturnType<typeof startRaw>, n: number, tag: string): Promise<Round> {
  const peers = profiles.map(() => sim.createPhone({ name: "peer" }));
  raw.child.stdin!.write(`${JSON.stringify({ run: peers.map((p) => p.jid), count: 1, tag: `${tag}-warm` })}\n`);
  await raw.next();
  await arrived(
    peers,
    1,
    peers.map(() => 0),
  );
  const before = peers.map((p) => p.inbox.all.length);
  const cpu0 = cpuMs(raw.child.pid!);
  const start = performance.now();
  raw.child.stdin!.write(`${JSON.stringify({ run: peers.map((p) => p.jid), count: n, tag })}\n`);
  await Promise.all([raw.next(), arrived(peers, n, before)]);
  const seconds = (performance.now() - start) / 1000;
  return { rate: (K * n) / seconds, cpu: (cpuMs(raw.child.pid!) - cpu0) / (K * n) };
}

// Warm-up (JIT, device lists), then alternate so drift on the shared machine hits both sides alike.
await runRaw(rawMemory, 20, "warm");
await runRaw(rawFiles, 20, "warmf");
await gateway.round(20, "warm");
const raws: Round[] = [];
const rawFileRounds: Round[] = [];
const gws: Round[] = [];
for (let r = 0; r < ROUNDS; r++) {
  raws.push(await runRaw(rawMemory, N, `raw${r}`));
  rawFileRounds.push(await runRaw(rawFiles, N, `rawf${r}`));
  gws.push(await gateway.round(N, `gw${r}`));
}
const fmt = (xs: Round[]) =>
  `${median(xs.map((x) => x.rate)).toFixed(0)} msg/s, ${median(xs.map((x) => x.cpu)).toFixed(2)} ms CPU/msg  [${xs.map((x) => x.rate.toFixed(0)).join(", ")}]`;
console.log(
  `${K} profiles × ${N} texts, pacing off, ${ROUNDS} rounds (median); store: ${process.env.BENCH_STORAGE ?? "embedded default"}`,
);
const ratio = (base: Round[], label: string) =>
  `ratio gateway / ${label}: ${(median(gws.map((x) => x.rate)) / median(base.map((x) => x.rate))).toFixed(2)}x (goal >= 0.8x); ` +
  `CPU per message ${(median(gws.map((x) => x.cpu)) / median(base.map((x) => x.cpu))).toFixed(1)}x raw`;
console.log(`raw Baileys, keys in memory     : ${fmt(raws)}`);
console.log(`raw Baileys, multi-file auth    : ${fmt(rawFileRounds)}`);
console.log(`gateway HTTP → queue → Baileys  : ${fmt(gws)}`);
console.log(ratio(raws, "raw (memory)    "));
console.log(ratio(rawFileRounds, "raw (files)     "));

rawMemory.child.kill();
rawFiles.child.kill();
await gateway.stop();
await sim.close();
process.exit(0);
