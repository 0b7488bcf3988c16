// Child process for bench/send-e2e.ts: K raw Baileys sockets (the gateway's own Baileys build), paired
// to the simulator through its admin API, each sending texts back to back when told to.
// Protocol (JSON lines; printed ones start with @@): prints {ready: [phone…]}; reads {run: [peerJid…], count, tag}, prints {sent: ms}.
// Auth: "memory" (default: keys in memory, nothing stored) or "files" (Baileys' own useMultiFileAuthState
// in a temporary folder: a key file written per update, what a raw Baileys user runs in production).
import { mkdtempSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { WASocket } from "../../packages/simulator/src/client/connect.js";
import { useMemoryAuthState } from "../../packages/simulator/src/client/auth.js";
import { loadBaileys } from "../../packages/engine-baileys/src/load.js";
import { silentLogger } from "../../packages/engine-baileys/src/options.js";

const [base = "", count = "5", authMode = "memory"] = process.argv.slice(2);
const authRoot = authMode === "files" ? mkdtempSync(join(tmpdir(), "multiwa-bench-raw-auth-")) : "";
const baileys = await loadBaileys();
const { cert } = (await (await fetch(`${base}/admin/cert`)).json()) as { cert: string };
const agent = new Agent({ ca: cert });
const admin = async (path: string, body: unknown) =>
  (await fetch(`${base}${path}`, { method: "POST", body: JSON.stringify(body) })).json();
const url = `${base.replace(/^http/, "ws")}/ws/chat`;

async function link(i: number): Promise<{ sock: WASocket; phone: string }> {
  const { phone } = (await admin("/admin/phones", { name: `raw-${i}` })) as { phone: string };
  const auth =
    authMode === "files" ? await baileys.useMultiFileAuthState(join(authRoot, `raw-${i}`)) : useMemoryAuthState();
  const open = () => {
    const sock = baileys.makeWASocket({
      waWebSocketUrl: url,
      fetchAgent: agent,
      logger: silentLogger() as never,
      auth: auth.state,
    });
    sock.ev.on("creds.update", auth.saveCreds);
    return sock;
  };
  const first = open();
  await new Promise<void>((resolve) =>
    first.ev.on("connection.update", (u) => {
      if (u.qr) void admin("/admin/scan", { phone, qr: u.qr });
      if (u.connection === "close") resolve();
    }),
  );
  const sock = open();
  await new Promise<void>((resolve) => sock.ev.on("connection.update", (u) => u.connection === "open" && resolve()));
  return { sock, phone };
}

const sockets = await Promise.all(Array.from({ length: Number(count) }, (_, i) => link(i)));
console.log(`@@${JSON.stringify({ ready: sockets.map((s) => s.phone) })}`);

createInterface({ input: process.stdin }).on("line", async (line) => {
  const { run, count: n, tag } = JSON.parse(line) as { run: string[]; count: number; tag: string };
  const start = performance.now();
  // Each socket sends in order, one message at a time, as the gateway's per-profile queue does.
  await Promise.all(
    sockets.map(async ({ sock }, k) => {
      for (let i = 0; i < n; i++) await sock.sendMessage(run[k]!, { text: `${tag} ${i}` });
    }),
  );
  console.log(`@@${JSON.stringify({ sent: performance.now() - start })}`);
});
