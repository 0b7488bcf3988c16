// End to end, the way a user sends: HTTP POST to the built gateway → durable queue → real Baileys →
// the simulated phone has it. K profiles × N texts, pacing off, against raw Baileys (the same build,
// in its own process) on the same simulator, in the same run, alternating rounds.
// Prints msg/s, the ratio, and CPU ms per message of the gateway process and of the raw process.
// Run: node --conditions=dev-source --import tsx bench/send-e2e.ts [profiles=5] [texts=200] [rounds=2]
//   BENCH_STORAGE=memory: (or redis://…) to run the gateway on another store; BENCH_DATABASE=postgres://… for records; BENCH_CPU_PROF=dir to profile it.
import { spawn } from "node:child_process";
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { SIMULATOR_TLS_CERT, WhatsAppSimulator, type SimPhone } from "../packages/simulator/src/index.js";
import { startServer } from "../server/test/helpers/server.js";
import { root } from "./baileys-lib.js";
import { send } from "./lib/load.js";

const K = Number(process.argv[2] ?? 5);
const N = Number(process.argv[3] ?? 200);
const ROUNDS = Number(process.argv[4] ?? 2);
const IN_FLIGHT = 16;

const sim = await WhatsAppSimulator.start();
const caFile = join(mkdtempSync(join(tmpdir(), "multiwa-bench-ca-")), "sim.pem");
writeFileSync(caFile, SIMULATOR_TLS_CERT);
const simBase = `http://127.0.0.1:${sim.port}`;

/** CPU time (user + system) a process has used so far, in ms, from /proc (10 ms ticks). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

// --- the gateway, its K profiles paired by QR through the API ---
const env: Record<string, string> = {
  MULTIWA_ENGINES: "baileys",
  MULTIWA_BAILEYS_WS_URL: sim.url,
  MULTIWA_BAILEYS_CA_FILE: caFile,
  MULTIWA_RATE_LIMIT: "1000000",
  ...(process.env.BENCH_STORAGE ? { MULTIWA_STORAGE: process.env.BENCH_STORAGE } : {}),
  ...(process.env.BENCH_DATABASE ? { MULTIWA_DATABASE: process.env.BENCH_DATABASE } : {}),
  ...(process.env.BENCH_CPU_PROF
    ? { MULTIWA_TEST_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}` }
    : process.env.MULTIWA_TEST_NODE_ARGS
      ? { MULTIWA_TEST_NODE_ARGS: process.env.MULTIWA_TEST_NODE_ARGS }
      : {}),
};
const gateway = await startServer(env);
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
const headers = { "content-type": "application/json", "x-api-key": gateway.key };
const profiles = Array.from({ length: K }, (_, i) => `p${i}`);
for (const id of profiles) {
  await gateway.api("/api/profiles", {
    method: "POST",
    json: { id, name: id, engine: "baileys", pacing: { minDelayMs: 0, jitterMs: 0, perMinute: 0 } },
  });
  await gateway.api(`/api/profiles/${id}/start`, { method: "POST" });
  const phone = sim.createPhone({ name: id });
  let qr = "";
  while (!qr) {
    qr = ((await (await gateway.api(`/api/profiles/${id}/qr`)).json().catch(() => ({}))) as { qr?: string }).qr ?? "";
    if (!qr) await new Promise((r) => setTimeout(r, 100));
  }
  await phone.scanQr(qr);
  while (((await (await gateway.api(`/api/profiles/${id}`)).json()) as { status: string }).status !== "open")
    await new Promise((r) => setTimeout(r, 100));
}

// --- raw Baileys: K sockets in a child process of their own ---
const raw = spawn(
  process.execPath,
  ["--conditions=dev-source", "--import", "tsx", root("bench/lib/raw-baileys.ts"), simBase, String(K)],
  {
    stdio: ["pipe", "pipe", "ignore"],
    cwd: root(""),
  },
);
process.on("exit", () => raw.kill());
const rawLines = createInterface({ input: raw.stdout! });
// libsignal logs to the console in both processes; protocol lines start with "@@".
const rawNext = () =>
  new Promise<Record<string, unknown>>((resolve) => {
    const onLine = (l: string) => l.startsWith("@@") && (rawLines.off("line", onLine), resolve(JSON.parse(l.slice(2))));
    rawLines.on("line", onLine);
  });
await rawNext(); // ready

/** Fresh peers per run (no inbox or session state piles up); waits until each has `n` new messages. */
async function arrived(peers: SimPhone[], n: number, before: number[]): Promise<void> {
  while (peers.some((p, k) => p.inbox.all.length - before[k]! < n)) await new Promise((r) => setTimeout(r, 2));
}

async function runRaw(n: number, tag: string): Promise<{ rate: number; cpu: number }> {
  const peers = profiles.map(() => sim.createPhone({ name: "peer" }));
  raw.stdin!.write(`${JSON.stringify({ run: peers.map((p) => p.jid), count: 1, tag: `${tag}-warm` })}\n`);
  await rawNext();
  await arrived(
    peers,
    1,
    peers.map(() => 0),
  );
  const before = peers.map((p) => p.inbox.all.length);
  const cpu0 = cpuMs(raw.pid!);
  const start = performance.now();
  raw.stdin!.write(`${JSON.stringify({ run: peers.map((p) => p.jid), count: n, tag })}\n`);
  await Promise.all([rawNext(), arrived(peers, n, before)]);
  const seconds = (performance.now() - start) / 1000;
  return { rate: (K * n) / seconds, cpu: (cpuMs(raw.pid!) - cpu0) / (K * n) };
}

async function runGateway(n: number, tag: string): Promise<{ rate: number; cpu: number }> {
  const peers = profiles.map(() => sim.createPhone({ name: "peer" }));
  const post = (k: number, text: string) =>
    send(
      `${gateway.url}/api/profiles/${profiles[k]}/messages`,
      { method: "POST", headers, body: JSON.stringify({ to: peers[k]!.pn, content: { type: "text", text } }) },
      agent,
    );
  await Promise.all(peers.map((_, k) => post(k, `${tag}-warm`)));
  await arrived(
    peers,
    1,
    peers.map(() => 0),
  );
  const before = peers.map((p) => p.inbox.all.length);
  const cpu0 = cpuMs(gateway.process.pid!);
  const start = performance.now();
  // Requests interleave across profiles, IN_FLIGHT at a time, like many API clients would.
  const jobs = Array.from({ length: K * n }, (_, i) => [i % K, Math.floor(i / K)] as const);
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < jobs.length) {
        const [k, i] = jobs[next++]!;
        const status = await post(k, `${tag} ${i}`);
        if (status !== 202) throw new Error(`send answered ${status}`);
      }
    }),
  );
  await arrived(peers, n, before);
  const seconds = (performance.now() - start) / 1000;
  return { rate: (K * n) / seconds, cpu: (cpuMs(gateway.process.pid!) - cpu0) / (K * n) };
}

// Warm-up (JIT, device lists), then alternate so drift on the shared machine hits both sides alike.
await runRaw(20, "warm");
await runGateway(20, "warm");
const raws: { rate: number; cpu: number }[] = [];
const gws: { rate: number; cpu: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  raws.push(await runRaw(N, `raw${r}`));
  gws.push(await runGateway(N, `gw${r}`));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: { rate: number; cpu: number }[]) =>
  `${median(xs.map((x) => x.rate)).toFixed(0)} msg/s, ${median(xs.map((x) => x.cpu)).toFixed(2)} ms CPU/msg  [${xs.map((x) => x.rate.toFixed(0)).join(", ")}]`;
console.log(
  `${K} profiles × ${N} texts, pacing off, ${ROUNDS} rounds (median); store: ${process.env.BENCH_STORAGE ?? "embedded default"}`,
);
console.log(`raw Baileys (own process)      : ${fmt(raws)}`);
console.log(`gateway HTTP → queue → Baileys : ${fmt(gws)}`);
console.log(
  `ratio gateway / raw            : ${(median(gws.map((x) => x.rate)) / median(raws.map((x) => x.rate))).toFixed(2)}x (goal >= 0.8x); ` +
    `CPU per message ${(median(gws.map((x) => x.cpu)) / median(raws.map((x) => x.cpu))).toFixed(1)}x raw`,
);

agent.destroy();
raw.kill();
await gateway.stop();
await sim.close();
process.exit(0);
