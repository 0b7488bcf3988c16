// (2) Memory of N idle paired Baileys sessions in one process, and (3) time from a cold process
// start to all N reconnected from fs storage. The simulator runs in its own process.
// Run: node --conditions=dev-source --import tsx bench/baileys-sessions.ts [sessions=200]
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import v8 from "node:v8";
import vm from "node:vm";
import { createFsStorage, createMultiWA, createStorageFromUrl } from "../packages/core/src/index.js";
import { baileysEngine } from "../packages/engine-baileys/src/index.js";
import { loadBaileys } from "../packages/engine-baileys/src/load.js";
import { mb, root, simulatorProcess } from "./baileys-lib.js";

const SESSIONS = Number(process.argv[2] ?? 200);
const LOGIN_CONCURRENCY = 8;
const RESTORE_BUDGET_MS = 170_000;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const settle = async () => {
  for (let i = 0; i < 3; i++) (gc(), await new Promise((r) => setTimeout(r, 200)));
  return process.memoryUsage();
};

const sim = await simulatorProcess();
const dir = await mkdtemp(join(tmpdir(), "multiwa-bench-"));
const profiles = Array.from({ length: SESSIONS }, (_, i) => `s${i}`);

// --- (2) N idle sessions in this process ---
await loadBaileys();
const wa = await createMultiWA({
  engines: { baileys: baileysEngine({ waWebSocketUrl: sim.url, fetchAgent: new Agent({ ca: sim.cert }) }) },
  storage: process.env.BENCH_MEMORY ? await createStorageFromUrl("memory:") : await createFsStorage(dir),
  // Profiles are records: the restart phase's child finds them in the data folder's embedded database.
  database: process.env.BENCH_MEMORY ? "memory:" : `pglite:${dir}/database`,
  restore: false,
});
const before = await settle();
const loginStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: LOGIN_CONCURRENCY }, async () => {
    while (next < SESSIONS) {
      const id = profiles[next++]!;
      const { phone } = await sim.admin("/admin/phones", { name: id });
      await wa.profiles.create({ id, name: id });
      const qrs = wa.sessions.qr(id);
      await wa.sessions.start(id);
      const { value: qr } = await qrs.next();
      await sim.admin("/admin/scan", { phone, qr });
      while ((await wa.sessions.status(id)).status !== "open") await new Promise((r) => setTimeout(r, 20));
    }
  }),
);
const loginSeconds = (performance.now() - loginStart) / 1000;
await new Promise((r) => setTimeout(r, 3000)); // post-login chatter (prekeys, init queries) ends
const after = await settle();
const perSession = (after.rss - before.rss) / SESSIONS;
console.log(`(2) ${SESSIONS} idle sessions in one process (logged in by QR in ${loginSeconds.toFixed(1)} s)`);
console.log(
  `    RSS ${mb(before.rss)} MB -> ${mb(after.rss)} MB; heap ${mb(before.heapUsed)} MB -> ${mb(after.heapUsed)} MB`,
);
console.log(
  `    RSS per session: ${mb(perSession)} MB (goal <= 15 MB); heap per session: ${mb((after.heapUsed - before.heapUsed) / SESSIONS)} MB`,
);
await wa.close();
if (process.env.BENCH_SKIP_RESTORE) (sim.stop(), await rm(dir, { recursive: true, force: true }), process.exit(0));

// --- (3) cold start: a new process restores every profile from the same storage ---
const start = performance.now();
const child = spawn(
  process.execPath,
  [
    "--conditions=dev-source",
    "--import",
    "tsx",
    root("packages/engine-baileys/test/fixtures/restart-child.ts"),
    dir,
    sim.url,
    "restore",
  ],
  {
    env: { ...process.env, SIM_CA: sim.cert, QUIET_CONSOLE: process.env.BENCH_LIBSIGNAL_LOGS ? "" : "1" },
    stdio: ["pipe", "pipe", "inherit"],
  },
);
const opened = new Set<string>();
let qrs = 0;
let firstOpenMs = 0;
const marks: string[] = [];
const closes = new Map<string, number>();
const finished = await new Promise<boolean>((resolve) => {
  const timer = setTimeout(() => resolve(false), RESTORE_BUDGET_MS);
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const event = JSON.parse(line) as { event: string; profile: string; reason?: string };
    if (event.event === "qr") qrs++;
    if (event.event === "close") closes.set(event.reason!, (closes.get(event.reason!) ?? 0) + 1);
    if (event.event !== "open") return;
    opened.add(event.profile);
    firstOpenMs ||= performance.now() - start;
    if (opened.size % 50 === 0) marks.push(`${opened.size} at ${((performance.now() - start) / 1000).toFixed(1)} s`);
    if (opened.size === SESSIONS) (clearTimeout(timer), resolve(true));
  });
});
const total = (performance.now() - start) / 1000;
if (finished)
  console.log(`(3) cold start to all ${SESSIONS} sessions reconnected from fs storage: ${total.toFixed(1)} s`);
else console.log(`(3) cold start: only ${opened.size}/${SESSIONS} sessions reconnected within ${total.toFixed(0)} s`);
console.log(
  `    (spawn + module load to first open: ${(firstOpenMs / 1000).toFixed(1)} s; ${marks.join(", ")}; QR codes shown: ${qrs}; closes: ${JSON.stringify(Object.fromEntries(closes))})`,
);

child.kill("SIGKILL");
sim.stop();
await rm(dir, { recursive: true, force: true });
process.exit(0);
