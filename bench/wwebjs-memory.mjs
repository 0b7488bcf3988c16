// Memory of one idle whatsapp-web.js session, as the wwebjs engine runs it.
//
//   node --import tsx bench/wwebjs-memory.mjs [settleSeconds=15] [samples=5]
//
// Starts the engine (system Chromium, server flags) against the offline stub of WhatsApp Web used
// by the smoke test, waits until the session shows its QR and has settled, then sums VmRSS (and
// Pss, which splits shared pages fairly) over the Chromium process tree from /proc. The real
// WhatsApp Web page loads far more script and data than the stub, so this is a lower bound for
// the browser's own cost, not the cost of a busy linked account.
import { readdirSync, readFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStorageFromUrl } from "../packages/core/src/index.ts";
import { wwebjsEngine, resolveChromiumPath } from "../packages/engine-wwebjs/src/index.ts";
import { STUB_VERSION, startStubServer } from "../packages/engine-wwebjs/test/stub-server.ts";

const settleSeconds = Number(process.argv[2] ?? 15);
const samples = Number(process.argv[3] ?? 5);

if (!existsSync(resolveChromiumPath({}))) {
  console.error(`No Chromium at ${resolveChromiumPath({})}; run .ci/ensure-chromium.sh`);
  process.exit(1);
}

const stub = await startStubServer();
let client;
const engine = wwebjsEngine({
  webVersion: STUB_VERSION,
  webVersionCache: { type: "remote", remotePath: stub.remotePath, strict: true },
  tmpDir: mkdtempSync(join(tmpdir(), "multiwa-bench-")),
  // Extra flags to try, space-separated, e.g. BENCH_CHROMIUM_ARGS="--in-process-gpu".
  args: (process.env.BENCH_CHROMIUM_ARGS ?? "").split(" ").filter(Boolean),
  createClient: (options, lib) => (client = new lib.Client(options)),
});

let onQr;
const qr = new Promise((resolve) => (onQr = resolve));
const session = engine.createSession({
  profileId: "bench",
  storage: await createStorageFromUrl("memory:"),
  logger: { debug() {}, info() {}, warn: console.warn, error: console.error },
  emit: (event) => event === "qr" && onQr(),
});

const started = Date.now();
await session.connect();
await qr;
const toQrMs = Date.now() - started;
await new Promise((r) => setTimeout(r, settleSeconds * 1000));

const browserPid = client.pupBrowser.process().pid;
const readings = [];
for (let i = 0; i < samples; i++) {
  readings.push(measureTree(browserPid));
  await new Promise((r) => setTimeout(r, 1000));
}
await session.disconnect();
await stub.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const last = readings.at(-1);
console.log(
  JSON.stringify(
    {
      chromium: readFileSync("/proc/version", "utf8").split(" ")[2] && resolveChromiumPath({}),
      args: client.pupBrowser.process().spawnargs.slice(1),
      processes: last.processes.map((p) => ({
        pid: p.pid,
        type: p.type,
        rssMiB: mib(p.rssKiB),
        pssMiB: mib(p.pssKiB),
      })),
      timeToQrMs: toQrMs,
      settleSeconds,
      samples,
      chromiumTreeRssMiB: mib(median(readings.map((r) => r.rssKiB))),
      chromiumTreePssMiB: mib(median(readings.map((r) => r.pssKiB))),
      nodeRssMiB: mib(process.memoryUsage().rss / 1024),
    },
    null,
    2,
  ),
);

// --- Internal helpers ---

/** The browser and all its descendants (renderer, GPU/utility, zygote…), read from /proc. */
function measureTree(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = safeRead(`/proc/${entry}/stat`);
    // The command name is in parentheses and may contain spaces; ppid is the 2nd field after it.
    if (stat) parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  const processes = tree.map((pid) => ({
    pid,
    type: /--type=([\w-]+)/.exec(safeRead(`/proc/${pid}/cmdline`)?.replaceAll("\0", " ") ?? "")?.[1] ?? "browser",
    rssKiB: kib(safeRead(`/proc/${pid}/status`), "VmRSS"),
    pssKiB: kib(safeRead(`/proc/${pid}/smaps_rollup`), "Pss"),
  }));
  return { processes, rssKiB: sum(processes.map((p) => p.rssKiB)), pssKiB: sum(processes.map((p) => p.pssKiB)) };
}

function kib(text, field) {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text ?? "")?.[1] ?? 0);
}

function safeRead(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function sum(xs) {
  return xs.reduce((a, b) => a + b, 0);
}

function mib(k) {
  return Math.round((k / 1024) * 10) / 10;
}
